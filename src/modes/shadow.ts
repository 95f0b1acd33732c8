import { mkdir, writeFile } from '../fs-async';
import path from 'node:path';
import { ConfigError, RefusedError } from '../errors';
import { readRecordedRequests } from '../shadow/requests';
import { readTraceRequests } from '../shadow/traces';
import { redactor, replay, type ShadowMeasures } from '../shadow/replay';
import { shadowReportSchemaId, type ShadowReport } from '../shadow/report';
import { endpointUrl } from '../template';
import type { ModeContext, ModeInputs } from './context';
import { shown, versionDir } from './paths';
import { requireVersion, requireVersionInput } from './versions';

export interface ShadowResult {
  mode: 'shadow';
  dryRun: boolean;
  model: string;
  version: string;
  champion: string;
  requestsPath: string;
  measures: ShadowMeasures | null;
  reportPath: string;
  /** Requests and answers after redaction, only with shadow.record_text. */
  pairsPath: string | null;
}

/**
 * Replays a sample of recorded production requests to the candidate and to the champion (the
 * promote alias's holder) and compares the answers pairwise. Writes shadow.json beside the
 * version's evaluation for the gate's `shadow` rule; no request or answer text is logged or
 * written unless shadow.record_text says so, and then only after shadow.redact.
 */
export async function shadow(ctx: ModeContext, inputs: ModeInputs): Promise<ShadowResult> {
  const { loaded, registry, logger } = ctx;
  const config = loaded.config.shadow;
  const endpoint = loaded.config.evaluate?.endpoint;
  if (!config) throw new ConfigError(`${loaded.file}: shadow mode needs a shadow section (requests, judge)`);
  if (!endpoint) throw new ConfigError(`${loaded.file}: shadow replays through evaluate.endpoint (its url with {{source}}), which is not configured`);
  const model = loaded.config.model.name;
  const version = requireVersionInput('shadow', inputs);
  const candidate = await requireVersion(registry, model, version);
  const alias = loaded.config.promote.alias;
  const championVersion = await registry.getAlias(model, alias);
  if (championVersion === null) throw new RefusedError(`shadow compares ${model} version ${version} with the holder of @${alias}, but no version holds it; promote a first version before comparing (on a first release gate.shadow is skipped, so the gate does not need this)`);
  if (championVersion === version) throw new RefusedError(`${model} version ${version} already holds @${alias}: there is no champion to compare it with`);
  const champion = await requireVersion(registry, model, championVersion);
  const url = (v: { version: string; source: string }): string => endpointUrl(endpoint.url, { version: v.version, model, source: v.source }, `${loaded.file}: evaluate.endpoint.url`);
  const dir = versionDir(loaded, version);
  const reportFile = path.join(dir, 'shadow.json');
  const traces = config.requests.mlflow_traces;
  const rest = traces ? ctx.tracking?.client.rest : undefined;
  if (traces && !rest) throw new ConfigError(`${loaded.file}: shadow.requests.mlflow_traces reads the tracking server of registry mlflow or unity-catalog; model.registry is ${loaded.config.model.registry}. Export the requests to a file and give shadow.requests.path instead`);
  const untilMs = traces?.until ? Date.parse(traces.until) : ctx.clock.now();
  const source = traces ? `MLflow traces of ${traces.experiment} from ${new Date(untilMs - traces.window).toISOString()} to ${new Date(untilMs).toISOString()}` : (config.requests.path ?? '');
  const base = { mode: 'shadow' as const, dryRun: ctx.dryRun, model, version, champion: championVersion, requestsPath: source, reportPath: shown(loaded, reportFile) };
  if (ctx.dryRun) {
    logger.info(`dry run: would replay up to ${config.requests.sample} requests from ${source} to v${version} and v${championVersion} and judge them pairwise`);
    return { ...base, measures: null, pairsPath: null };
  }
  const { sample, seed } = config.requests;
  const { requests, rows, skipped } =
    traces && rest
      ? await readTraceRequests(rest, { experiment: traces.experiment, fromMs: untilMs - traces.window, toMs: untilMs, sample, seed })
      : await readExport(path.resolve(loaded.workdir, config.requests.path ?? ''), config.requests.format, sample, seed);
  logger.info(`shadow: replaying ${requests.length} of ${rows} answered requests (${skipped} left out: not answered, or without a request body) to v${version} and v${championVersion}`);
  const { measures, pairs } = await logger.group(`shadow replay of ${model} v${version} against v${championVersion}`, () =>
    replay(requests, { endpoint, candidateUrl: url(candidate), championUrl: url(champion) }, config, { clock: ctx.clock, logger, signal: ctx.signal, confidence: loaded.config.gate?.shadow?.confidence ?? 0.95 }),
  );
  const report: ShadowReport = {
    schema: shadowReportSchemaId,
    model,
    version,
    champion: championVersion,
    source: { path: source, rows, skipped, sample, seed },
    replayed: measures.replayed,
    judged: measures.judged,
    judge_errors: measures.judgeErrors,
    counts: measures.counts,
    candidate_shown_first: measures.candidateShownFirst,
    candidate: measures.candidate,
    champion_checks: measures.champion,
    created_at: new Date(ctx.clock.now()).toISOString(),
  };
  await mkdir(dir, { recursive: true });
  await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  let pairsPath: string | null = null;
  if (config.record_text) {
    const redact = redactor(config.redact);
    const file = path.join(dir, 'shadow-pairs.jsonl');
    const lines = pairs.map((p) => JSON.stringify({ id: p.id, request: redact(p.request), candidate: p.candidate.text === null ? null : redact(p.candidate.text), champion: p.champion.text === null ? null : redact(p.champion.text), outcome: p.outcome, candidate_first: p.candidateFirst }));
    await writeFile(file, `${lines.join('\n')}\n`);
    pairsPath = shown(loaded, file);
  }
  return { ...base, measures, pairsPath };
}

function readExport(file: string, format: 'jsonl' | 'csv' | undefined, sample: number, seed: number): ReturnType<typeof readRecordedRequests> {
  return readRecordedRequests(file, { format: format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl'), sample, seed });
}
