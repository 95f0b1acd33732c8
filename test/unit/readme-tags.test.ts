import { readFile } from 'node:fs/promises';
import { rolloutTagKeys } from '../../src/deploy/rollout-state';
import { registerRequestTag } from '../../src/registry/mlflow';
import { reservedTagPrefix, tagKeys } from '../../src/registry/tags';
import { deploymentRunVersionTag, evaluationRunVersionTag } from '../../src/tracking/runs';

/** Every model-version tag key the code writes, with <alias> and <environment> where they vary. */
function keysInCode(): string[] {
  const expand = (key: string | ((name: string) => string), placeholder: string): string => (typeof key === 'string' ? key : key(placeholder));
  const fromTagKeys = Object.values(tagKeys).map((key) => {
    if (typeof key === 'string') return key;
    const probe = key('PROBE');
    return expand(key, probe.startsWith('agent_release.deploy.') ? '<environment>' : '<alias>');
  });
  return [...fromTagKeys, evaluationRunVersionTag, registerRequestTag, rolloutTagKeys.step('<environment>'), deploymentRunVersionTag('<environment>')].sort();
}

async function keysInReadme(): Promise<string[]> {
  const readme = await readFile('README.md', 'utf8');
  const start = readme.indexOf('## Registry tags it writes');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const list = section.split('\n\n').find((block) => block.startsWith('- ')) ?? '';
  return [...list.matchAll(/`(agent_release\.[^`]+)`/g)].map((m) => m[1] as string).sort();
}

describe("README's registry tag list", () => {
  it('is exactly the list of tag keys in the code', async () => {
    expect(await keysInReadme()).toEqual(keysInCode());
  });

  it('names each key once, and every key is under the reserved prefix', async () => {
    const keys = await keysInReadme();
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keysInCode()) expect(key.startsWith(reservedTagPrefix)).toBe(true);
  });
});
