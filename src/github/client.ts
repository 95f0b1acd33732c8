import type * as github from '@actions/github';
import { UsageError } from '../errors';

/** @actions/github's Octokit: REST endpoint methods and pagination, no retry or throttling plugin. */
export type GitHubClient = ReturnType<typeof github.getOctokit>;

export const defaultGitHubApiUrl = 'https://api.github.com';

/**
 * An Octokit for the given API (GITHUB_API_URL on a runner, which differs on GitHub Enterprise
 * Server). The shell calls this; library code receives the client and never reads the environment.
 *
 * Loaded on first use: most modes never talk to GitHub, and importing @actions/github reads the
 * proxy variables and throws on one it cannot use (socks5://) before the action's own check can
 * name it.
 */
export async function githubClient(token: string, apiUrl: string = defaultGitHubApiUrl): Promise<GitHubClient> {
  if (!token) throw new UsageError('the github-token input is empty; leave it at its default (${{ github.token }}) or pass a token');
  const { getOctokit } = await import('@actions/github');
  return getOctokit(token, { baseUrl: apiUrl.replace(/\/+$/, '') });
}
