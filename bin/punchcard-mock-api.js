#!/usr/bin/env node
// The installed `punchcard-mock-api`: checks the Node version, then runs the built server (dist/bin).
import { needNode } from './need-node.js';

needNode('punchcard-mock-api');
await import('../dist/bin/mock-api.js');
