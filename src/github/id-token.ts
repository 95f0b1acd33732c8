import { ConfigError, RemoteError, messageOf } from '../errors';
import { reportStreamFailures } from '../shell/stdio';

/**
 * GitHub Actions' OIDC ID token for an audience, for workload identity federation. Goes through
 * `core.getIDToken`, which GET-s `$ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud>` with
 * `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`, reads `{"value": "<jwt>"}`, masks the
 * token in the log and retries 502/503/504 itself (@actions/http-client), which is why this call
 * does not go through src/http/client.ts. The runner sets both variables only for jobs with
 * `permissions: id-token: write`; they are read from process.env because that is where
 * @actions/core reads them. Imported on first use: @actions/core brings its own HTTP client
 * (another undici), a megabyte the CLI would otherwise compile at every start for nothing.
 */
export async function githubIdToken(audience: string): Promise<string> {
  for (const name of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    if (!process.env[name]) {
      throw new ConfigError(
        `cannot request a GitHub OIDC token: ${name} is not set, so GitHub gives this job no OIDC token; add \`permissions: id-token: write\` to the job (or the workflow) that runs agent-release`,
      );
    }
  }
  try {
    const core = await import('@actions/core');
    // core writes ::add-mask:: through process.stdout, which queues what a full pipe does not take;
    // the shells write the descriptor directly (shell/stdio.ts), so nothing of ours may overtake it.
    const stdout = reportStreamFailures(1);
    const token = await core.getIDToken(audience);
    await new Promise<void>((resolve) => stdout.write('', () => resolve()));
    return token;
  } catch (error) {
    // core's message already says "Failed to get ID Token" with the status; it never contains the token.
    throw new RemoteError(`requesting a GitHub OIDC token for audience ${audience} failed: ${messageOf(error).replace(/^Error message:\s*/, '').replace(/\s*\n\s*/g, ' ')}`, { cause: error });
  }
}
