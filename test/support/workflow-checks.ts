import { parse } from 'yaml';

const pinnedSha = /^[\w.-]+\/[\w.-]+(\/[^@\s]+)?@[0-9a-f]{40}$/;
const ownRef = /^agent-release\/agent-release(\/[^@\s]+)?@v\d+(\.\d+){0,2}$/;

/** `uses:` lines that are neither a full-SHA pin with a `# vX` comment, a local path, nor our own release tag. */
export function unpinnedUses(text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*([^\s#]+)\s*(#\s*(\S+))?/.exec(line);
    if (!match) return;
    const [, ref, , comment] = match as unknown as [string, string, string | undefined, string | undefined];
    if (ref.startsWith('./') || ref.startsWith('docker://') || ownRef.test(ref)) return;
    if (!pinnedSha.test(ref)) problems.push(`line ${index + 1}: ${ref} is not pinned to a full commit SHA`);
    else if (!comment || !/^v\d+(\.\d+){0,2}$/.test(comment)) problems.push(`line ${index + 1}: ${ref} has no "# vX.Y.Z" version comment`);
  });
  return problems;
}

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

const isOurAction = (uses: string | undefined): boolean => uses === './' || uses === './.agent-release-action' || /^agent-release\/agent-release@/.test(uses ?? '');

/**
 * Inputs passed to our action that action.yml does not declare, and step outputs read from our
 * action that it does not declare.
 */
export function actionContractProblems(text: string, action: { inputs: string[]; outputs: string[] }): string[] {
  const doc = parse(text) as { jobs?: Record<string, { steps?: Step[]; outputs?: Record<string, string> }> };
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(doc.jobs ?? {})) {
    const ours = new Set<string>();
    for (const step of job.steps ?? []) {
      if (!isOurAction(step.uses)) continue;
      if (step.id) ours.add(step.id);
      for (const input of Object.keys(step.with ?? {})) {
        if (!action.inputs.includes(input)) problems.push(`${jobName}: input "${input}" is not declared in action.yml`);
      }
    }
    for (const match of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const [, id, output] = match as unknown as [string, string, string];
      if (ours.has(id) && !action.outputs.includes(output)) problems.push(`${jobName}: output "${output}" of step ${id} is not declared in action.yml`);
    }
  }
  return [...new Set(problems)];
}

/** `with:`/`secrets:` passed to one of our reusable workflows that it does not declare. */
export function reusableCallProblems(text: string, workflows: Record<string, { inputs: string[]; secrets: string[] }>): string[] {
  const doc = parse(text) as { jobs?: Record<string, { uses?: string; with?: Record<string, unknown>; secrets?: Record<string, unknown> | string }> };
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(doc.jobs ?? {})) {
    const target = /^agent-release\/agent-release\/\.github\/workflows\/([\w.-]+)@/.exec(job.uses ?? '')?.[1];
    if (!target) continue;
    const called = workflows[target];
    if (!called) {
      problems.push(`${jobName}: calls ${target}, which this repository does not ship`);
      continue;
    }
    if (job.secrets === 'inherit') problems.push(`${jobName}: secrets: inherit; list the secrets explicitly`);
    for (const input of Object.keys(job.with ?? {})) if (!called.inputs.includes(input)) problems.push(`${jobName}: input "${input}" is not declared by ${target}`);
    for (const secret of Object.keys(typeof job.secrets === 'object' ? job.secrets : {})) {
      if (!called.secrets.includes(secret)) problems.push(`${jobName}: secret "${secret}" is not declared by ${target}`);
    }
  }
  return problems;
}

export function callableInterface(text: string): { inputs: string[]; secrets: string[] } {
  const doc = parse(text) as { on?: { workflow_call?: { inputs?: Record<string, unknown>; secrets?: Record<string, unknown> } } };
  const call = doc.on?.workflow_call ?? {};
  return { inputs: Object.keys(call.inputs ?? {}), secrets: Object.keys(call.secrets ?? {}) };
}
