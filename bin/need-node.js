/**
 * Says in one line that punchcard's tools need Node 24 or newer, and exits, instead of failing
 * deep inside a dependency (msw needs Node ≥ 22.12; the sources are TypeScript that Node only
 * runs from version 23.6 on). Plain JavaScript, so that it runs on any Node.
 */
export function needNode(tool, major = 24) {
  const have = Number(process.versions.node.split('.')[0]);
  if (have >= major) return;
  console.error(`${tool} needs Node ≥ ${major}; this is Node ${process.versions.node}. Install Node ${major} (https://nodejs.org) and run it again.`);
  process.exit(1);
}
