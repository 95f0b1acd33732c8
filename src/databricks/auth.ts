import { ConfigError } from '../errors';
import {
  databricksAuthTypes,
  githubOidcCredentials,
  idTokenPermissionHint,
  normaliseHost,
  oauthM2mCredentials,
  patCredentials,
  type DatabricksAuthDeps,
  type DatabricksAuthType,
  type DatabricksConnection,
  type Environment,
} from './auth-providers';

export {
  databricksAuthTypes,
  githubOidcCredentials,
  idTokenPermissionHint,
  normaliseHost,
  oauthM2mCredentials,
  patCredentials,
  type DatabricksAuthDeps,
  type DatabricksAuthType,
  type DatabricksConnection,
  type Environment,
  type GithubOidcOptions,
} from './auth-providers';
export { CachedTokenCredentials, DatabricksAuthError } from './oauth-token';

/** The variables this reads, in the order messages list them. */
const knownVariables = [
  'DATABRICKS_HOST',
  'DATABRICKS_AUTH_TYPE',
  'DATABRICKS_TOKEN',
  'DATABRICKS_CLIENT_ID',
  'DATABRICKS_CLIENT_SECRET',
  'DATABRICKS_TOKEN_AUDIENCE',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
] as const;

const exampleHost = 'https://adb-1234567890123456.7.azuredatabricks.net';
const m2mHelp = "set DATABRICKS_CLIENT_ID to the service principal's application id and DATABRICKS_CLIENT_SECRET to one of its OAuth secrets";
const choices =
  'set DATABRICKS_TOKEN (pat), DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc)';

/**
 * The workspace and its credentials from the environment, the way the Databricks SDKs read it:
 * DATABRICKS_AUTH_TYPE when set, else inferred from which variables are present. Empty values
 * count as unset (an unset secret expands to "" in workflow YAML). Secrets go to `onSecret`
 * before anything can fail, so even a refusal cannot print them.
 */
export function databricksCredentialsFromEnv(env: Environment, given: DatabricksAuthDeps): DatabricksConnection {
  const told = new Set<string>();
  const deps: DatabricksAuthDeps = {
    ...given,
    onSecret: (value) => {
      if (told.has(value)) return;
      told.add(value);
      given.onSecret(value);
    },
  };
  const read = (name: (typeof knownVariables)[number]): string | undefined => env[name]?.trim() || undefined;
  const token = read('DATABRICKS_TOKEN');
  const clientId = read('DATABRICKS_CLIENT_ID');
  const clientSecret = read('DATABRICKS_CLIENT_SECRET');
  if (token) deps.onSecret(token);
  if (clientSecret) deps.onSecret(clientSecret);
  const present = knownVariables.filter((name) => read(name) !== undefined);
  const found = present.length > 0 ? ` (set: ${present.join(', ')})` : ' (none of the DATABRICKS_* variables is set)';

  const rawHost = read('DATABRICKS_HOST');
  if (!rawHost) throw new ConfigError(`DATABRICKS_HOST is not set${found}; set it to the workspace URL, e.g. ${exampleHost}`);
  const host = normaliseHost(rawHost);
  const type = authType(read('DATABRICKS_AUTH_TYPE'), { token, clientId, clientSecret, idTokenUrl: read('ACTIONS_ID_TOKEN_REQUEST_URL') }, found);

  switch (type) {
    case 'pat':
      if (!token) throw new ConfigError(`DATABRICKS_AUTH_TYPE is pat but DATABRICKS_TOKEN is not set${found}; set it to a personal access token from a repository or environment secret`);
      return { host, credentials: patCredentials(token, deps) };
    case 'oauth-m2m': {
      const missing = [clientId ? undefined : 'DATABRICKS_CLIENT_ID', clientSecret ? undefined : 'DATABRICKS_CLIENT_SECRET'].filter(Boolean);
      if (!clientId || !clientSecret) throw new ConfigError(`DATABRICKS_AUTH_TYPE is oauth-m2m but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set${found}; ${m2mHelp}`);
      return { host, credentials: oauthM2mCredentials(host, clientId, clientSecret, deps) };
    }
    case 'github-oidc':
      if (!read('ACTIONS_ID_TOKEN_REQUEST_URL')) throw new ConfigError(`Databricks authentication github-oidc: ${idTokenPermissionHint}${found}`);
      return { host, credentials: githubOidcCredentials(host, { clientId, audience: read('DATABRICKS_TOKEN_AUDIENCE') }, deps) };
  }
}

interface Present {
  token?: string;
  clientId?: string;
  clientSecret?: string;
  idTokenUrl?: string;
}

function authType(explicit: string | undefined, p: Present, found: string): DatabricksAuthType {
  if (explicit !== undefined) {
    const known = databricksAuthTypes.find((t) => t === explicit);
    if (!known) throw new ConfigError(`DATABRICKS_AUTH_TYPE ${JSON.stringify(explicit)} is not supported by agent-release; use one of ${databricksAuthTypes.join(', ')}`);
    return known;
  }
  if (p.token && (p.clientId || p.clientSecret)) {
    throw new ConfigError(
      `Databricks credentials are ambiguous${found}: DATABRICKS_TOKEN and DATABRICKS_CLIENT_${p.clientId ? 'ID' : 'SECRET'} are both set; set DATABRICKS_AUTH_TYPE to pat or ${p.clientSecret ? 'oauth-m2m' : 'github-oidc'}, or remove the one you do not use`,
    );
  }
  if (p.token) return 'pat';
  if (p.clientSecret && !p.clientId) throw new ConfigError(`DATABRICKS_CLIENT_SECRET is set but DATABRICKS_CLIENT_ID is not${found}; ${m2mHelp}`);
  if (p.clientId && p.clientSecret) return 'oauth-m2m';
  if (p.clientId && p.idTokenUrl) return 'github-oidc';
  if (p.clientId) {
    throw new ConfigError(
      `DATABRICKS_CLIENT_ID is set but neither DATABRICKS_CLIENT_SECRET (oauth-m2m) nor ACTIONS_ID_TOKEN_REQUEST_URL (github-oidc) is${found}; set the secret, or add \`permissions: id-token: write\` to the job for workload identity federation`,
    );
  }
  throw new ConfigError(`no Databricks credentials${found}; ${choices}`);
}
