// `node bin/need-node-cli.js <tool>`: the Node version check alone, for the npm scripts that run
// the TypeScript sources (npm run mock-api, npm run conformance).
import { needNode } from './need-node.js';

needNode(process.argv[2] ?? 'punchcard');
