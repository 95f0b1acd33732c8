// The parts of undici the client dispatches through, in one module so that it is loaded (and
// bundled as its own chunk) on the first request: a gate or promote on the embedded registry
// sends none, and parsing undici was a fifth of their start-up.
export { default as connectThrough } from 'undici/lib/api/api-connect.js';
export { InvalidArgumentError } from 'undici/lib/core/errors.js';
export { default as Agent } from 'undici/lib/dispatcher/agent.js';
export { default as Pool } from 'undici/lib/dispatcher/pool.js';
export { default as ProxyAgent } from 'undici/lib/dispatcher/proxy-agent.js';
