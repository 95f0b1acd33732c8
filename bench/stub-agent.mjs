// An OpenAI-compatible stub with a fixed latency (0: answer at once), for benchmarks.
import http from 'node:http';

const answer = '{"choices":[{"message":{"role":"assistant","content":"the answer is 42"}}]}';

export async function startStub(latencyMs) {
  let served = 0;
  const reply = (res) => {
    served++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answer);
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => (latencyMs > 0 ? setTimeout(reply, latencyMs, res) : reply(res)));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', 1024, resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    served: () => served,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}
