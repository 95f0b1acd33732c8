// undici's index loads every part of it (fetch, WebSocket, caches, mocks): a tenth of a second
// of every CLI start. src/http/client.ts imports the modules it uses; they carry no types of
// their own, so these say they are the ones undici's index re-exports.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/dispatcher/pool.js' {
  import { Pool } from 'undici';
  export default Pool;
}

declare module 'undici/lib/dispatcher/proxy-agent.js' {
  import { ProxyAgent } from 'undici';
  export default ProxyAgent;
}

declare module 'undici/lib/api/api-connect.js' {
  import type { Dispatcher } from 'undici';
  const connect: Dispatcher['connect'];
  export default connect;
}

declare module 'undici/lib/core/errors.js' {
  import { errors } from 'undici';
  export const InvalidArgumentError: typeof errors.InvalidArgumentError;
}
