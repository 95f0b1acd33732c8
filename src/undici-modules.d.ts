// undici's index loads every part of it (fetch, WebSocket, caches, mocks): a tenth of a second
// of every CLI start. src/http/client.ts imports the three modules it uses; they carry no types of
// their own, so these say they are the ones undici's index re-exports.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/dispatcher/pool.js' {
  import { Pool } from 'undici';
  export default Pool;
}

declare module 'undici/lib/core/errors.js' {
  import { errors } from 'undici';
  export const InvalidArgumentError: typeof errors.InvalidArgumentError;
}
