/** The baseline for the mock's throughput: a bare node:http server answering fixed bytes. */
import { createServer } from 'node:http';

const body = Buffer.from(process.argv[2] ?? '{}');
const status = Number(process.argv[3] ?? 200);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`API base URL: http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
