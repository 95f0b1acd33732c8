import { isFailure, type ModeResult } from '../report/render';
import type { ModeContext, ModeInputs } from './context';
import { deploy } from './deploy';
import { detect } from './detect';
import { evaluate } from './evaluate';
import { gate } from './gate';
import { merge } from './merge';
import { promote } from './promote';
import { rollback } from './rollback';
import { verify } from './verify';

export const modeNames = ['evaluate', 'gate', 'promote', 'deploy', 'verify', 'rollback', 'detect', 'merge'] as const;
export type ModeName = (typeof modeNames)[number];

const modes: Record<ModeName, (ctx: ModeContext, inputs: ModeInputs) => Promise<ModeResult>> = {
  evaluate,
  gate,
  promote,
  deploy,
  verify,
  rollback,
  detect,
  merge,
};

/** The config sections each command reads; only their ${VAR}s must be set. */
export const sectionsUsed: Record<ModeName | 'registry', readonly string[]> = {
  evaluate: ['model', 'artifacts_dir', 'evaluate', 'promote'],
  gate: ['model', 'artifacts_dir', 'gate', 'promote'],
  promote: ['model', 'promote'],
  deploy: ['model', 'promote', 'deploy'],
  verify: ['model', 'promote', 'deploy'],
  rollback: ['model', 'promote', 'deploy'],
  detect: ['model', 'promote'],
  // merge reads evaluate.scorers but calls no endpoint: the merge job needs none of the agent's ${VAR}s.
  merge: ['model', 'artifacts_dir'],
  registry: ['model'],
};

export function isModeName(value: string): value is ModeName {
  return (modeNames as readonly string[]).includes(value);
}

export async function runMode(mode: ModeName, ctx: ModeContext, inputs: ModeInputs): Promise<{ result: ModeResult; failed: boolean }> {
  const result = await modes[mode](ctx, inputs);
  return { result, failed: isFailure(result) };
}
