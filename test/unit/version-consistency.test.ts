import { ruleResultSchema } from '../../src/contract/decision';
import { candidateVersionOf, candidateVersionsHeldBy, checkVersionConsistency, parseVersion } from '../../src/gate/version-consistency';

describe('version consistency', () => {
  it('passes when every side names the same N', () => {
    const result = checkVersionConsistency(
      { summaryN: '3', signoffN: 3, promptCandidateN: 'v3' },
      { summaryN: 'summary.json model.version', signoffN: 'signoffs/v3/decision.md', promptCandidateN: 'candidate_v3' },
    );
    expect(result).toEqual({
      rule: 'version-consistency',
      passed: true,
      warning: false,
      reason: 'all name v3: evaluation summary v3 (summary.json model.version), signoff v3 (signoffs/v3/decision.md), prompt candidate v3 (candidate_v3)',
      inputs: {
        summaryN: 3,
        signoffN: 3,
        promptCandidateN: 3,
        sources: { summaryN: 'summary.json model.version', signoffN: 'signoffs/v3/decision.md', promptCandidateN: 'candidate_v3' },
      },
    });
    expect(ruleResultSchema.safeParse(result).success).toBe(true);
  });

  it('blocks a mixed set, naming each side and its N', () => {
    const result = checkVersionConsistency({ summaryN: 3, signoffN: 3, promptCandidateN: 2 }, { promptCandidateN: 'prompts:/main.agents.system_instructions@candidate_v2' });
    expect(result.passed).toBe(false);
    expect(result.reason).toBe(
      'mixed versions: evaluation summary v3, signoff v3, prompt candidate v2 (prompts:/main.agents.system_instructions@candidate_v2); release one consistent set (eval_runs, signoffs and candidate_v<N> of the same N)',
    );
  });

  it('skips absent sides with a note and never invents them', () => {
    expect(checkVersionConsistency({ summaryN: 4, signoffN: 4 })).toMatchObject({
      passed: true,
      warning: false,
      reason: 'all name v4: evaluation summary v4, signoff v4; not checked: prompt candidate (no version given)',
      inputs: { summaryN: 4, signoffN: 4, skipped: ['prompt candidate'] },
    });
    expect(checkVersionConsistency({ summaryN: 4, signoffN: null, promptCandidateN: 5 }).reason).toBe(
      'mixed versions: evaluation summary v4, prompt candidate v5; release one consistent set (eval_runs, signoffs and candidate_v<N> of the same N); not checked: signoff (no version given)',
    );
  });

  it('warns when there is nothing to compare', () => {
    expect(checkVersionConsistency({ summaryN: 4 })).toMatchObject({
      passed: true,
      warning: true,
      reason: 'only the evaluation summary v4 names a version; nothing to compare; not checked: signoff, prompt candidate (no version given)',
    });
    expect(checkVersionConsistency({})).toMatchObject({ passed: true, warning: true, reason: expect.stringMatching(/^no side names a version/) });
  });

  it('blocks a side that is not a version number', () => {
    expect(checkVersionConsistency({ summaryN: '3', signoffN: 'latest', promptCandidateN: 3.5 })).toMatchObject({
      passed: false,
      reason: 'the signoff names "latest", which is not a version number; the prompt candidate names 3.5, which is not a version number',
    });
  });

  it('parses versions and candidate aliases strictly', () => {
    expect([3, '3', 'v3', ' 7 ', 0].map(parseVersion)).toEqual([3, 3, 3, 7, 0]);
    expect([-1, 3.5, '03', 'V3', 'three', '', Number.MAX_SAFE_INTEGER + 2].map(parseVersion)).toEqual(Array(7).fill(undefined));
    expect(candidateVersionOf('candidate_v3')).toBe(3);
    expect(candidateVersionOf('@candidate_v12')).toBe(12);
    expect(candidateVersionOf('prompts:/main.agents.system_instructions@candidate_v5')).toBe(5);
    expect(candidateVersionOf('prompts:/main.agents.system_instructions@champion')).toBeUndefined();
    expect(candidateVersionOf('candidate_v03')).toBeUndefined();
    expect(candidateVersionsHeldBy({ champion: '7', candidate_v3: '8', candidate_v4: '8', candidate_v2: '7', candidatev9: '8' }, '8')).toEqual([3, 4]);
    expect(candidateVersionsHeldBy({ champion: '8' }, '8')).toEqual([]);
  });
});
