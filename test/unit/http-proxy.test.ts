import net from 'node:net';
import { systemClock } from '../../src/clock';
import { HttpTransportError, reserveConnections, send, sendOnce, useProxies } from '../../src/http/client';
import { noProxies, proxyFor, proxyFromEnv } from '../../src/http/proxy';
import { ConfigError } from '../../src/errors';
import { startJsonServer, type JsonServer } from '../support/agent-server';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';

describe('proxy settings from the environment', () => {
  it('reads the lowercase variable first, and keeps the password out of sight but known for masking', () => {
    const settings = proxyFromEnv({ https_proxy: 'http://ops:s%3Acret@proxy.corp:3128', HTTPS_PROXY: 'http://other:1', HTTP_PROXY: 'http://proxy.corp:80' });
    expect(settings.https?.host).toBe('proxy.corp:3128');
    expect(settings.http?.href).toBe('http://proxy.corp/');
    expect(settings.secrets).toEqual(['s%3Acret', 's:cret']);
  });

  it('reads host:port alone as an http proxy, as the runner and curl do', () => {
    expect(proxyFromEnv({ HTTPS_PROXY: '10.1.2.3:3128' }).https?.href).toBe('http://10.1.2.3:3128/');
    expect(proxyFromEnv({ HTTPS_PROXY: 'ops:pw@proxy.corp:3128' }).secrets).toEqual(['pw']);
  });

  it('refuses a value that is not an http(s) proxy, naming the variable and not quoting the value', () => {
    for (const value of ['socks5://u:hunter2@proxy.corp:1080', 'http://', 'ftp://hunter2@proxy.corp']) {
      const attempt = () => proxyFromEnv({ HTTPS_PROXY: value });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/^HTTPS_PROXY is not a proxy URL: expected http:\/\/host:port/);
      expect(() => attempt()).not.toThrow(/hunter2|proxy\.corp/);
    }
  });

  it('refuses a password with a stray %, which no proxy client could decode', () => {
    const attempt = () => proxyFromEnv({ http_proxy: 'http://ops:50%off@proxy.corp:3128' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow('http_proxy: the user or password in it is not percent-encoded');
    expect(() => attempt()).not.toThrow(/50%off/);
  });

  it('proxies https only through HTTPS_PROXY and http only through HTTP_PROXY, as the runner does', () => {
    const onlyHttp = proxyFromEnv({ HTTP_PROXY: 'http://proxy:3128' });
    expect(proxyFor(onlyHttp, 'https://api.example.com')).toBeNull();
    expect(proxyFor(onlyHttp, 'http://api.example.com')?.href).toBe('http://proxy:3128/');
    const onlyHttps = proxyFromEnv({ HTTPS_PROXY: 'http://proxy:3128' });
    expect(proxyFor(onlyHttps, 'http://api.example.com')).toBeNull();
    expect(proxyFor(onlyHttps, 'https://api.example.com')?.href).toBe('http://proxy:3128/');
  });

  it('connects directly to loopback and to what NO_PROXY lists: hosts, subdomains, ports, or everything', () => {
    const settings = proxyFromEnv({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'internal.corp, .svc.cluster ,*.databricks.test,mlflow.corp:5000,[fd00::1]' });
    const routed = (origin: string) => proxyFor(settings, origin) !== null;
    expect(['https://localhost', 'https://127.0.0.1:8443', 'https://[::1]:9000', 'https://internal.corp', 'https://a.b.internal.corp', 'https://x.svc.cluster', 'https://ws.databricks.test', 'https://mlflow.corp:5000', 'https://[fd00::1]'].map(routed)).toEqual(Array(9).fill(false));
    expect(['https://api.openai.com', 'https://notinternal.corp', 'https://mlflow.corp', 'https://databricks.test.evil.com'].map(routed)).toEqual([true, true, true, true]);
    expect(proxyFor(proxyFromEnv({ HTTPS_PROXY: 'http://proxy:3128', no_proxy: '*' }), 'https://api.openai.com')).toBeNull();
    expect(proxyFor(noProxies, 'https://api.openai.com')).toBeNull();
  });
});

describe('requests through a real forward proxy', () => {
  let server: JsonServer;
  let proxy: ForwardProxy;
  beforeEach(async () => {
    server = await startJsonServer(() => ({ json: { ok: true } }));
  });
  afterEach(async () => {
    useProxies(noProxies);
    await proxy?.close();
    await server.close();
  });
  // A name only the proxy resolves: an answer means the request went through it.
  const viaName = () => `http://agent.proxied.test:${new URL(server.url).port}/v1/chat/completions`;

  it('tunnels to the host the proxy resolves, one tunnel per reserved connection, reused', async () => {
    proxy = await startForwardProxy();
    useProxies(proxyFromEnv({ HTTP_PROXY: proxy.url }));
    reserveConnections(viaName(), 1);
    for (let i = 0; i < 3; i++) {
      const res = await sendOnce({ method: 'POST', url: viaName(), body: '{}', timeoutMs: 5_000 });
      expect([res.status, res.body]).toEqual([200, '{"ok":true}']);
    }
    expect(proxy.tunnels).toEqual([`agent.proxied.test:${new URL(server.url).port}`]);
    expect(server.requests).toHaveLength(3);
  });

  it('sends the credentials in the proxy URL, and reports a proxy that refuses them', async () => {
    proxy = await startForwardProxy({ credentials: 'ops:p@ss word' });
    const withPassword = (password: string) => proxy.url.replace('http://', `http://ops:${encodeURIComponent(password)}@`);
    useProxies(proxyFromEnv({ HTTP_PROXY: withPassword('p@ss word') }));
    expect((await sendOnce({ method: 'POST', url: viaName(), body: '{}', timeoutMs: 5_000 })).status).toBe(200);

    useProxies(proxyFromEnv({ HTTP_PROXY: withPassword('wrong') }));
    const error = await sendOnce({ method: 'POST', url: viaName(), body: '{}', timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpTransportError);
    expect((error as Error).message).toContain(`(the proxy at ${new URL(proxy.url).host} answered 407 to CONNECT`);
    expect((error as Error).message).not.toContain('wrong');
    expect(proxy.refused).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a proxy that refuses the credentials or the host, and says what to change', async () => {
    proxy = await startForwardProxy({ credentials: 'ops:right', forbidden: ['blocked.proxied.test'] });
    const port = new URL(server.url).port;
    const options = { clock: systemClock, policy: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } };
    const failure = (url: string) => send({ method: 'GET', url, timeoutMs: 5_000 }, 'agent', options).then(() => new Error('answered'), (e: unknown) => e as Error);

    // The lowercase variable wins, so it is the one to fix.
    useProxies(proxyFromEnv({ http_proxy: proxy.url.replace('http://', 'http://ops:wrong@'), HTTP_PROXY: proxy.url.replace('http://', 'http://ops:right@') }));
    const badCredentials = await failure(viaName());
    expect(badCredentials).toBeInstanceOf(HttpTransportError);
    expect(badCredentials.message).toBe(
      `GET ${viaName()}: PROXY_REFUSED (the proxy at ${new URL(proxy.url).host} answered 407 to CONNECT: it did not accept the credentials; give them in http_proxy in the URL as user:password@ before the host, percent-encoded (Basic authentication))`,
    );
    expect((badCredentials as HttpTransportError).transient).toBe(false);
    expect(proxy.refused).toBe(1);

    useProxies(proxyFromEnv({ HTTP_PROXY: proxy.url.replace('http://', 'http://ops:right@') }));
    const forbidden = await failure(`http://blocked.proxied.test:${port}/health`);
    expect(forbidden.message).toContain(`PROXY_REFUSED (the proxy at ${new URL(proxy.url).host} answered 403 to CONNECT: it does not allow blocked.proxied.test:${port}; ask for it to be allowed, or list it in NO_PROXY`);
    expect(proxy.refused).toBe(2);
    expect(server.requests).toHaveLength(0);

    // A proxy that cannot reach the server (502) may do better next time: retried.
    const nothing = await startJsonServer(() => ({ json: {} }));
    await nothing.close();
    const unreachable = await failure(`http://gone.proxied.test:${new URL(nothing.url).port}/`);
    expect(unreachable.message).toContain('gave up after 3 attempts');
    expect(unreachable.message).toContain(`the proxy at ${new URL(proxy.url).host} answered 502 to CONNECT`);
    expect(proxy.tunnels.filter((t) => t.startsWith('gone.'))).toHaveLength(3);

    // A tunnel that opens but never answers: the failure still names the proxy it went through.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as net.AddressInfo).port;
    const timedOut = await sendOnce({ method: 'GET', url: `http://silent.proxied.test:${silentPort}/`, timeoutMs: 200 }).then(() => new Error('answered'), (e: unknown) => e as Error);
    silent.close();
    expect(timedOut.message).toBe(`GET http://silent.proxied.test:${silentPort}/ (through the proxy at ${new URL(proxy.url).host}) timed out after 200 ms: TIMEOUT`);
  });

  it('leaves loopback URLs direct even with a proxy set', async () => {
    proxy = await startForwardProxy();
    useProxies(proxyFromEnv({ HTTP_PROXY: proxy.url }));
    expect((await sendOnce({ method: 'GET', url: `${server.url}/health`, timeoutMs: 5_000 })).status).toBe(200);
    expect(proxy.tunnels).toEqual([]);
  });
});
