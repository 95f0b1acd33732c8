#!/usr/bin/env node
// Serves the quickstart's agents (v1, v2, v3) and router until stopped, for trying the action
// or CLI by hand and for the repository's self-test job. Writes their URLs as KEY=value lines to
// the file given as the first argument (e.g. $GITHUB_ENV), then keeps running.
import { appendFileSync } from 'node:fs';
import { startAgent } from './agent.mjs';
import { startRouter } from './router.mjs';

const out = process.argv[2];
const agents = {};
for (const version of [1, 2, 3]) agents[version] = await startAgent(version);
const router = await startRouter(Object.fromEntries(Object.entries(agents).map(([v, a]) => [v, a.url])));
const lines = [
  ...Object.entries(agents).map(([v, a]) => `QUICKSTART_AGENT_V${v}_URL=${a.url}`),
  `QUICKSTART_ROUTER_URL=${router.url}`,
];
if (out) appendFileSync(out, `${lines.join('\n')}\n`);
console.log(lines.join('\n'));

const stop = async () => {
  await Promise.all([router, ...Object.values(agents)].map((server) => server.close()));
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
