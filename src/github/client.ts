import { getOctokit } from '@actions/github';
import { UsageError } from '../errors';

/** @actions/github's Octokit: REST endpoint methods and pagination, no retry or throttling plugin. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export const defaultGitHubApiUrl = 'https://api.github.com';

/**
 * An Octokit for the given API (GITHUB_API_URL on a runner, which differs on GitHub Enterprise
 * Server). The shell calls this; library code receives the client and never reads the environment.
 */
export function githubClient(token: string, apiUrl: string = defaultGitHubApiUrl): GitHubClient {
  if (!token) throw new UsageError('the github-token input is empty; leave it at its default (${{ github.token }}) or pass a token');
  return getOctokit(token, { baseUrl: apiUrl.replace(/\/+$/, '') });
}
