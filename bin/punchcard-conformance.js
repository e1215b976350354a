#!/usr/bin/env node
// The installed `punchcard-conformance`: checks the Node version, then runs the built suite (dist/bin).
import { needNode } from './need-node.js';

needNode('punchcard-conformance');
await import('../dist/bin/conformance.js');
