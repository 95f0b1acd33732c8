// An OpenAI-compatible stub with a fixed latency (0: answer at once), for benchmarks.
import http from 'node:http';

const answer = '{"choices":[{"message":{"role":"assistant","content":"the answer is 42"}}]}';

export async function startStub(latencyMs) {
  let served = 0;
  // What the stub really holds each request (timers fire late by up to a millisecond), so a
  // bench can tell the stub's lateness from the client's.
  let heldMs = 0;
  let held = 0;
  const reply = (res, arrived) => {
    served++;
    held++;
    heldMs += performance.now() - arrived;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answer);
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => (latencyMs > 0 ? setTimeout(reply, latencyMs, res, performance.now()) : reply(res, performance.now())));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', 1024, resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    served: () => served,
    /** Mean ms between a request's arrival and its answer, then reset. */
    takeMeanHeldMs: () => {
      const mean = held > 0 ? heldMs / held : 0;
      [held, heldMs] = [0, 0];
      return mean;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}
