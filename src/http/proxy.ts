import { ConfigError } from '../errors';

/**
 * The proxy settings self-hosted runners and workstations export, read as @actions/http-client
 * reads them: lowercase first, HTTPS_PROXY for https only, HTTP_PROXY for http only, NO_PROXY a
 * list of hosts (a leading dot or `*.` for subdomains, `:port` to narrow, `*` for all), and
 * loopback never proxied.
 */
export interface ProxySettings {
  http: URL | null;
  https: URL | null;
  noProxy: readonly { host: string; port: number | null }[];
  bypassAll: boolean;
  /** The variable each proxy came from (https_proxy or HTTPS_PROXY, ...), for error messages. */
  variables: { http: string; https: string };
  /** Passwords in the proxy URLs, for the shells to mask. */
  secrets: string[];
}

/** Every request goes straight to its server. */
export const noProxies: ProxySettings = { http: null, https: null, noProxy: [], bypassAll: false, variables: { http: 'HTTP_PROXY', https: 'HTTPS_PROXY' }, secrets: [] };

export function proxyFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const read = (names: readonly string[]): { name: string; value: string } | undefined => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return { name, value };
    }
    return undefined;
  };
  const secrets: string[] = [];
  const variables = { ...noProxies.variables };
  const proxyUrl = (names: readonly [string, string], scheme: 'http' | 'https'): URL | null => {
    const found = read(names);
    if (!found) return null;
    variables[scheme] = found.name;
    // The value is never quoted back: it may hold the proxy's password.
    const problem = `${found.name} is not a proxy URL: expected http://host:port or https://host:port (with user:password@ before the host if the proxy asks for them); unset it to connect directly`;
    let url: URL;
    try {
      // host:port alone means http://host:port, as @actions/http-client and curl read it.
      url = new URL(found.value.includes('://') ? found.value : `http://${found.value}`);
    } catch {
      throw new ConfigError(problem);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) throw new ConfigError(problem);
    for (const part of [url.username, url.password]) {
      try {
        decodeURIComponent(part);
      } catch {
        throw new ConfigError(`${found.name}: the user or password in it is not percent-encoded; write reserved characters encoded (% as %25, @ as %40, : as %3A)`);
      }
    }
    if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
    return url;
  };
  const http = proxyUrl(['http_proxy', 'HTTP_PROXY'], 'http');
  const https = proxyUrl(['https_proxy', 'HTTPS_PROXY'], 'https');
  const list = (read(['no_proxy', 'NO_PROXY'])?.value ?? '').split(/[\s,]+/).filter(Boolean);
  return {
    http,
    https,
    bypassAll: list.includes('*'),
    noProxy: list.filter((entry) => entry !== '*').map(noProxyEntry),
    variables,
    secrets: [...new Set(secrets)],
  };
}

function noProxyEntry(entry: string): { host: string; port: number | null } {
  const withPort = /^(.+):(\d+)$/.exec(entry);
  const host = unbracketed((withPort ? (withPort[1] as string) : entry).replace(/^\*?\./, ''));
  return { host, port: withPort ? Number(withPort[2]) : null };
}

/** The proxy a request to `origin` goes through, or null to connect directly. */
export function proxyFor(settings: ProxySettings, origin: string): URL | null {
  const url = new URL(origin);
  const proxy = url.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy || settings.bypassAll) return null;
  const host = unbracketed(url.hostname);
  if (isLoopback(host)) return null;
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const bypassed = settings.noProxy.some((entry) => (entry.port === null || entry.port === port) && (host === entry.host || host.endsWith(`.${entry.host}`)));
  return bypassed ? null : proxy;
}

/** A host name lowercased, an IPv6 address without the brackets a URL puts around it. */
function unbracketed(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
