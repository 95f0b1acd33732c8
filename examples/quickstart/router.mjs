// A stand-in for your load balancer or serving gateway: it forwards the chat endpoint to whichever
// version is active. The deploy and rollback command (switch.mjs) flips it through /admin/active,
// the way a real one would call kubectl, a gateway API or a feature flag service.
import http from 'node:http';

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** upstreams: { [version]: baseUrl }. Starts with no active version: it answers 503 until a deploy. */
export async function startRouter(upstreams) {
  let active = null;
  const served = {}; // requests forwarded per version, for the demo's recap
  const agent = new http.Agent({ keepAlive: true });

  const server = http.createServer(async (req, res) => {
    if (req.url === '/admin/active') {
      if (req.method === 'GET') return send(res, 200, { active });
      if (req.method !== 'POST') return send(res, 405, { error: 'use GET or POST' });
      let raw = '';
      for await (const chunk of req) raw += chunk;
      let version;
      try {
        version = String(JSON.parse(raw).version ?? '');
      } catch {
        return send(res, 400, { error: 'expected {"version": "N"} (an empty version withdraws the route)' });
      }
      if (version && !upstreams[version]) return send(res, 404, { error: `no server for version ${version}; known: ${Object.keys(upstreams).join(', ')}` });
      const previous = active;
      active = version || null;
      return send(res, 200, { active, previous });
    }
    if (req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: 'not found' } });
    if (!active) return send(res, 503, { error: { message: 'no version is deployed' } });

    const version = active;
    served[version] = (served[version] ?? 0) + 1;
    const headers = { 'content-type': req.headers['content-type'] ?? 'application/json' };
    if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
    const upstream = http.request(new URL(req.url, upstreams[version]), { method: req.method, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) send(res, 502, { error: { message: `version ${version} is unreachable: ${error.message}` } });
      else res.destroy();
    });
    req.pipe(upstream);
  });

  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    active: () => active,
    served: () => ({ ...served }),
    close: () => {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
