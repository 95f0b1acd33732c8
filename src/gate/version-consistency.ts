import type { RuleResult } from '../contract/decision';

/**
 * The version-consistency rule: the evaluation summary, the signoff and the prompt candidate
 * (`@candidate_v<N>`) must name the same <N>; releasing against a mixed set breaks rollback.
 * Where each N comes from is the caller's business (the summary's model version, the signoff's
 * `version` field or its `v<N>/` folder, the prompt's `candidate_v<N>` alias). A side the
 * caller does not know is skipped and said so; it is never guessed.
 */
export const versionConsistencyRule = 'version-consistency';

export type VersionValue = number | string | null | undefined;

export interface VersionSides {
  summaryN?: VersionValue;
  signoffN?: VersionValue;
  promptCandidateN?: VersionValue;
}

/** Where each side's N was read, for the reason: "summary.json model.version", "candidate_v3 alias". */
export type VersionSources = Partial<Record<keyof VersionSides, string>>;

const labels: Record<keyof VersionSides, string> = {
  summaryN: 'evaluation summary',
  signoffN: 'signoff',
  promptCandidateN: 'prompt candidate',
};
const keys = Object.keys(labels) as (keyof VersionSides)[];

export function checkVersionConsistency(sides: VersionSides, sources: VersionSources = {}): RuleResult {
  const present: { key: keyof VersionSides; n: number; text: string }[] = [];
  const invalid: string[] = [];
  const skipped: string[] = [];
  const inputs: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = sides[key];
    const from = sources[key] ? ` (${sources[key]})` : '';
    if (raw === undefined || raw === null) {
      skipped.push(labels[key]);
      continue;
    }
    const n = parseVersion(raw);
    inputs[key] = n ?? raw;
    if (n === undefined) {
      invalid.push(`the ${labels[key]}${from} names ${JSON.stringify(raw)}, which is not a version number`);
      continue;
    }
    present.push({ key, n, text: `${labels[key]} v${n}${from}` });
  }
  if (Object.keys(sources).length > 0) inputs.sources = sources;
  if (skipped.length > 0) inputs.skipped = skipped;
  const skippedNote = skipped.length > 0 ? `; not checked: ${skipped.join(', ')} (no version given)` : '';

  if (invalid.length > 0) {
    return { rule: versionConsistencyRule, passed: false, warning: false, reason: `${invalid.join('; ')}${skippedNote}`, inputs };
  }
  const distinct = new Set(present.map((p) => p.n));
  if (distinct.size > 1) {
    return {
      rule: versionConsistencyRule,
      passed: false,
      warning: false,
      reason: `mixed versions: ${present.map((p) => p.text).join(', ')}; release one consistent set (eval_runs, signoffs and candidate_v<N> of the same N)${skippedNote}`,
      inputs,
    };
  }
  if (present.length < 2) {
    const only = present[0];
    return {
      rule: versionConsistencyRule,
      passed: true,
      warning: true,
      reason: `${only ? `only the ${only.text} names a version` : 'no side names a version'}; nothing to compare${skippedNote}`,
      inputs,
    };
  }
  return {
    rule: versionConsistencyRule,
    passed: true,
    warning: false,
    reason: `all name v${present[0]?.n}: ${present.map((p) => p.text).join(', ')}${skippedNote}`,
    inputs,
  };
}

/** 3, "3" or "v3" -> 3; anything else (3.5, "03", "three", -1) -> undefined. */
export function parseVersion(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const match = /^v?(0|[1-9]\d{0,15})$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

const candidateAlias = /^candidate_v(0|[1-9]\d{0,15})$/;

/**
 * The N of a prompt candidate given as `candidate_v3`, `@candidate_v3` or a prompt URI
 * `prompts:/catalog.schema.system_instructions@candidate_v3`; undefined when it names none.
 */
export function candidateVersionOf(reference: string): number | undefined {
  const alias = reference.slice(reference.lastIndexOf('@') + 1).trim();
  const match = candidateAlias.exec(alias);
  return match ? Number(match[1]) : undefined;
}

/**
 * The prompt candidate N from an alias table (alias -> version): the `candidate_v<N>` aliases
 * that point at `holder`. None gives undefined (the side is skipped); several that disagree is
 * an error the caller should report, so the list is returned whole.
 */
export function candidateVersionsHeldBy(aliases: Record<string, string>, holder: string): number[] {
  return Object.entries(aliases)
    .filter(([alias, version]) => version === holder && candidateAlias.test(alias))
    .map(([alias]) => Number(candidateAlias.exec(alias)?.[1]))
    .sort((a, b) => a - b);
}
