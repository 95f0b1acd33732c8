import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ForwardProxy {
  url: string;
  /** `host:port` of every CONNECT it accepted, in order. */
  tunnels: string[];
  /** CONNECTs it refused: without the right credentials (407), or to a forbidden host (403). */
  refused: number;
  close(): Promise<void>;
}

/**
 * A real forward proxy on loopback that tunnels CONNECT requests, as corporate proxies do. Every
 * host is reached at 127.0.0.1 (the port kept), so a test can name a host only the proxy knows:
 * an answer proves the request went through it. With `credentials` ("user:password"), a
 * CONNECT without them gets 407; a CONNECT to a host in `forbidden` gets 403, as a proxy's
 * allow-list answers.
 */
export async function startForwardProxy(options: { credentials?: string; forbidden?: string[] } = {}): Promise<ForwardProxy> {
  const expected = options.credentials ? `Basic ${Buffer.from(options.credentials).toString('base64')}` : undefined;
  const sockets = new Set<net.Socket>();
  const state = { tunnels: [] as string[], refused: 0 };
  const server = http.createServer((_req, res) => res.writeHead(405).end('this proxy only tunnels (CONNECT)\n'));
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (expected && req.headers['proxy-authorization'] !== expected) {
      state.refused++;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const target = req.url ?? '';
    if (options.forbidden?.includes(target.replace(/:\d+$/, ''))) {
      state.refused++;
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const port = Number(/:(\d+)$/.exec(target)?.[1]);
    state.tunnels.push(target);
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels: state.tunnels,
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
