import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startAgent, type AgentServer } from '../support/agent-server';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';
import { repoRoot, runCli } from '../support/run-bundle';
import { golden, goldenJsonl, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';

// A self-signed certificate for agent.proxied.test, made for these tests only (100 years).
const tlsDir = path.join(repoRoot, 'test', 'fixtures', 'tls');
const caFile = path.join(tlsDir, 'agent.proxied.test.crt');

let ws: Workspace;
let agent: AgentServer;
let proxy: ForwardProxy;
beforeAll(async () => {
  ws = await makeWorkspace();
  await ws.write('golden.jsonl', goldenJsonl);
  await ws.write('.github/agent-release.yml', sliceConfig());
  const tls = { key: await readFile(path.join(tlsDir, 'agent.proxied.test.key'), 'utf8'), cert: await readFile(caFile, 'utf8') };
  agent = await startAgent((q) => ({ text: golden.find((g) => g.input === q)?.expected ?? '' }), { tls });
  proxy = await startForwardProxy({ credentials: 'ops:s3cret pass' });
});
afterAll(async () => {
  await proxy.close();
  await agent.close();
  await ws.cleanup();
});

const proxyUrl = () => proxy.url.replace('http://', `http://ops:${encodeURIComponent('s3cret pass')}@`);
// Only the proxy resolves this name, and the certificate names it: an answer came through the proxy, over TLS.
const source = () => `https://agent.proxied.test:${new URL(agent.url).port}`;

describe('the CLI behind an HTTPS proxy (HTTPS_PROXY, as a self-hosted runner sets it)', () => {
  it('evaluates an https endpoint through the proxy, with its credentials, and never prints them', async () => {
    const env = { HTTPS_PROXY: proxyUrl(), NODE_EXTRA_CA_CERTS: caFile };
    expect((await runCli(['registry', 'register', '--source', source()], { cwd: ws.dir, env })).code).toBe(0);
    const evaluated = await runCli(['evaluate', '--model-version', '1', '--json'], { cwd: ws.dir, env });
    expect(evaluated.stderr).not.toContain('s3cret');
    expect(evaluated.code).toBe(0);
    expect((JSON.parse(evaluated.stdout) as { metrics: Record<string, { value: number }> }).metrics['contains/mean']?.value).toBe(1);
    expect(agent.requests).toBe(golden.length);
    expect(new Set(proxy.tunnels)).toEqual(new Set([`agent.proxied.test:${new URL(agent.url).port}`]));
    expect(proxy.tunnels.length).toBeLessThanOrEqual(4); // concurrency 4: one tunnel per connection
  });

  it("fails at once on a certificate Node does not trust, naming NODE_EXTRA_CA_CERTS, without retrying or sending a request", async () => {
    const [requests, tunnels] = [agent.requests, proxy.tunnels.length];
    const evaluated = await runCli(['evaluate', '--model-version', '1'], { cwd: ws.dir, env: { HTTPS_PROXY: proxyUrl() } });
    expect(evaluated.code).not.toBe(0);
    expect(evaluated.stderr).toContain(
      "DEPTH_ZERO_SELF_SIGNED_CERT (the server's TLS certificate is not trusted: if your organisation's certificate authority signed it, give Node that authority's certificate with NODE_EXTRA_CA_CERTS=/path/to/ca.pem",
    );
    expect(evaluated.stderr).not.toMatch(/attempts/);
    expect(agent.requests).toBe(requests);
    // One handshake per example at most (4 at concurrency 4), none retried.
    expect(proxy.tunnels.length - tunnels).toBeLessThanOrEqual(4);
  });

  it('connects directly to what NO_PROXY names, and fails by name, not through the proxy', async () => {
    const before = proxy.tunnels.length;
    const env = { HTTPS_PROXY: proxyUrl(), NO_PROXY: '.proxied.test', NODE_EXTRA_CA_CERTS: caFile };
    const evaluated = await runCli(['evaluate', '--model-version', '1', '--json'], { cwd: ws.dir, env });
    expect(evaluated.code).not.toBe(0);
    expect(evaluated.stderr).toMatch(/agent endpoint https:\/\/agent\.proxied\.test:\d+\/v1\/chat\/completions is unreachable/);
    expect(proxy.tunnels.length).toBe(before);
  });

  it('names the proxy, never its password, when the proxy refuses the credentials', async () => {
    const env = { HTTPS_PROXY: proxy.url.replace('http://', 'http://ops:not-the-pass@'), NODE_EXTRA_CA_CERTS: caFile };
    const evaluated = await runCli(['evaluate', '--model-version', '1'], { cwd: ws.dir, env });
    expect(evaluated.code).not.toBe(0);
    expect(evaluated.stderr).toContain(
      `: PROXY_REFUSED (the proxy at ${new URL(proxy.url).host} answered 407 to CONNECT: it did not accept the credentials; give them in HTTPS_PROXY in the URL as user:password@ before the host, percent-encoded (Basic authentication)))\n`,
    );
    expect(`${evaluated.stdout}${evaluated.stderr}`).not.toContain('not-the-pass');
    // One refused tunnel per request (4 examples at concurrency 4), none retried.
    expect(proxy.refused).toBe(4);
  });

  it('exits 2 on a proxy variable that is not an http(s) URL, without quoting it', async () => {
    const run = await runCli(['evaluate', '--model-version', '1'], { cwd: ws.dir, env: { https_proxy: 'socks5://ops:hunter2@proxy.corp:1080' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('agent-release: https_proxy is not a proxy URL: expected http://host:port');
    expect(run.stderr).not.toContain('hunter2');
  });
});
