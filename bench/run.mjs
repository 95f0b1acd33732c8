// npm run bench: prints each benchmark as a table row with its ratio. Numbers, not assertions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, node } from './cli.mjs';
import { evaluateMemory } from './evaluate-memory.mjs';
import { evaluateOverhead } from './evaluate-overhead.mjs';
import { evaluateThroughput } from './evaluate-throughput.mjs';
import { conversationShapes, conversationTable, conversationThroughput } from './conversation-throughput.mjs';
import { importBench } from './build.mjs';
import { gateScale } from './gate-scale.mjs';
import { datasetCheck } from './dataset-check.mjs';
import { registryWriters } from './registry-writers.mjs';
import { startup } from './startup.mjs';

const fmt = (n, digits = 0) => n.toFixed(digits);

console.log(`CLI under test: ${cli} (set AGENT_RELEASE_CLI to measure another bundle)`);
console.log(`on Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}: ${node} (the action's runtime; set AGENT_RELEASE_NODE for another)\n`);
console.log('## start-up of the short modes: gate on a 20-example evaluation, promote (median of 11 interleaved rounds)\n');
console.log('| case | median ms | range ms | ÷ `node -e 0` |');
console.log('| --- | --- | --- | --- |');
for (const r of await startup()) console.log(`| ${r.name} | ${fmt(r.medianMs)} | ${fmt(r.minMs)}-${fmt(r.maxMs)} | ${fmt(r.ratio, 2)} |`);

console.log('\n## SHA-256 of a short run\'s inputs: the WebAssembly module (src/hash) against node:crypto\n');
console.log('| bytes | wasm MB/s | node:crypto MB/s | first digest in a fresh process, wasm ms | the same, node:crypto ms (its load included) |');
console.log('| --- | --- | --- | --- | --- |');
{
  const { hashes } = await importBench('bench/hashes.ts');
  for (const r of hashes()) console.log(`| ${r.bytes} | ${fmt(r.wasmMBs)} | ${fmt(r.nativeMBs)} | ${fmt(r.wasmColdMs, 2)} | ${fmt(r.nativeColdMs, 2)} |`);
}

console.log('\n## evaluate throughput (CLI process start included)\n');
console.log('| examples | latency ms | concurrency | wall ms (median of 3) | ideal ms | ratio to ideal (range) | stub held ms | bare undici loop wall ms | loop ratio to ideal | CLI ÷ loop wall | CLI / loop CPU µs per request | CPU stolen by the host |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const shape of [
  { examples: 2000, latencyMs: 50, concurrency: 32 },
  { examples: 500, latencyMs: 200, concurrency: 16 },
  // CPU-bound: at 6,400 requests a second the client's own work per request shows.
  { examples: 20_000, latencyMs: 10, concurrency: 64 },
]) {
  const r = await evaluateThroughput(shape);
  const stolen = r.stolen === null ? 'n/a' : `${(r.stolen * 100).toFixed(1)}%`;
  console.log(
    `| ${r.examples} | ${r.latencyMs} | ${r.concurrency} | ${fmt(r.wallMs)} | ${fmt(r.idealMs)} | ${fmt(r.ratio, 3)} (${fmt(r.ratioRange[0], 3)}-${fmt(r.ratioRange[1], 3)}) | ${fmt(r.heldMs, 2)} | ${fmt(r.bareWallMs)} | ${fmt(r.idealMs / r.bareWallMs, 3)} | ${fmt(r.loopRatio, 3)} | ${fmt(r.cpuUsPerRequest)} / ${fmt(r.bareCpuUsPerRequest)} | ${stolen} |`,
  );
}

console.log('\n## evaluate throughput on 3-turn conversations (concurrency counts conversations; ideal N × turns × latency / concurrency)\n');
{
  const rows = [];
  for (const shape of conversationShapes) rows.push(await conversationThroughput(shape));
  console.log(conversationTable(rows, fmt));
}

console.log('\n## evaluate memory (zero-latency stub, concurrency 64): peak RSS of the CLI process\n');
// A single run's peak RSS moves by a few MiB from run to run (V8 sizing its heap, glibc keeping
// freed memory): 10,000 and 100,000 take the median of interleaved rounds, so their ratio is the
// bar's and not one run's luck.
const memoryRounds = 5;
const memoryRuns = new Map([[10_000, []], [100_000, []]]);
for (let round = 0; round < memoryRounds; round++) for (const [examples, runs] of memoryRuns) runs.push(await evaluateMemory({ examples }));
memoryRuns.set(1_000_000, [await evaluateMemory({ examples: 1_000_000 })]);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const peakMedian = (examples) => median(memoryRuns.get(examples).map((r) => r.peakRssMiB));
console.log('| examples | runs | wall ms | peak RSS MiB (median) | range | bare undici loop peak RSS MiB | CLI / loop | largest heap in use after a major GC MiB | heap after final GC MiB |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [examples, runs] of memoryRuns) {
  const of = (field) => median(runs.map((r) => r[field]));
  const peaks = runs.map((r) => r.peakRssMiB);
  console.log(
    `| ${examples} | ${runs.length} | ${fmt(of('wallMs'))} | ${fmt(of('peakRssMiB'), 1)} | ${fmt(Math.min(...peaks), 1)}-${fmt(Math.max(...peaks), 1)} | ${fmt(of('barePeakRssMiB'), 1)} | ${fmt(of('peakRssMiB') / of('barePeakRssMiB'), 2)} | ${fmt(of('liveAfterMajorGcMiB'), 1)} | ${fmt(of('retainedHeapMiB'), 1)} |`,
  );
}
console.log(`\n100,000 ÷ 10,000 examples, peak RSS: ${fmt(peakMedian(100_000) / peakMedian(10_000), 3)} (medians of ${memoryRounds} interleaved runs each)`);

console.log('\n## evaluate CPU per request (zero-latency stub, concurrency 256), whole processes\n');
console.log('| requests | CLI CPU ms | CLI µs/request | bare undici loop CPU ms | loop µs/request | CLI / loop |');
console.log('| --- | --- | --- | --- | --- | --- |');
{
  const r = await evaluateOverhead({ requests: 20_000, concurrency: 256 });
  console.log(`| ${r.requests} | ${fmt(r.cliCpuMs)} | ${fmt(r.cliUsPerRequest)} | ${fmt(r.bareCpuMs)} | ${fmt(r.bareUsPerRequest)} | ${fmt(r.ratio, 2)} |`);
}

console.log('\n## embedded registry: concurrent writer processes\n');
console.log('| writers | writes | wall ms | ms per write | throughput vs 1 writer |');
console.log('| --- | --- | --- | --- | --- |');
const single = await registryWriters({ writers: 1, perWriter: 16 });
for (const r of [single, await registryWriters({ writers: 8, perWriter: 2 })]) {
  console.log(`| ${r.writers} | ${r.writes} | ${fmt(r.wallMs)} | ${fmt(r.perWriteMs, 1)} | ${fmt(single.perWriteMs / r.perWriteMs, 2)}x |`);
}

console.log('\n## gate decision quality (simulation, n = 500 paired, confidence 0.95, max_drop 0)\n');
console.log('| setting | measures | gate blocks (inconclusive: warn/pass) | gate blocks (inconclusive: fail) | naive "candidate >= champion" blocks |');
console.log('| --- | --- | --- | --- | --- |');
const { gateQuality } = await importBench('bench/gate-quality.ts');
const pct = (x) => `${(x * 100).toFixed(1)}%`;
for (const r of gateQuality(2000)) console.log(`| ${r.setting} | ${r.measures} | ${pct(r.rule)} | ${pct(r.ruleInconclusiveFails)} | ${pct(r.naive)} |`);

console.log('\n## gate over per-example rows (candidate and champion, paired), CLI process included\n');
console.log('| rows per side | rows written in | gate wall ms | gate peak RSS MiB | JSON.parse loop ms | loop peak RSS MiB | gate / loop |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [rows, order] of [[100_000, 'dataset'], [1_000_000, 'dataset'], [1_000_000, 'completion']]) {
  const r = await gateScale(rows, { order });
  console.log(`| ${rows} | ${order} order | ${fmt(r.gate.wallMs)} | ${fmt(r.gate.rssMiB)} | ${fmt(r.bare.wallMs)} | ${fmt(r.bare.rssMiB)} | ${fmt(r.ratio, 2)} |`);
}

console.log('\n## the whole-dataset check before the first request (`evaluate --dry-run`), CLI process included\n');
console.log('| rows | check wall ms | check peak RSS MiB | JSON.parse + id Set loop ms | loop peak RSS MiB | check / loop |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const rows of [100_000, 1_000_000]) {
  const r = await datasetCheck(rows);
  console.log(`| ${rows} | ${fmt(r.check.wallMs)} | ${fmt(r.check.rssMiB)} | ${fmt(r.bare.wallMs)} | ${fmt(r.bare.rssMiB)} | ${fmt(r.ratio, 2)} |`);
}

console.log('\n## canary decision quality (simulation: 10 -> 50 -> 100, 3,000 requests per bake, stable 1% errors)\n');
console.log('| rule | false rollbacks (1% vs 1%) | bad canaries caught (3% vs 1%) | canary requests for 95% rolled back |');
console.log('| --- | --- | --- | --- |');
const { canaryQuality } = await importBench('bench/canary-quality.ts');
for (const r of canaryQuality(1000)) console.log(`| ${r.rule} | ${pct(r.falseRollbackRate)} | ${pct(r.detectionRate)} | ${r.canaryRequestsFor95PercentDetection ?? 'not reached'} |`);

console.log('\n## shadow replay: share of releases blocked (simulation, imperfect position-biased judge, 2,000 runs each)\n');
console.log('| replayed requests | candidate worse on | blocked |');
console.log('| --- | --- | --- |');
const { shadowDetection, unswappedFalseBlock } = await importBench('bench/shadow-detection.ts');
for (const replayed of [500, 2000]) for (const drop of [0.05, 0]) console.log(`| ${replayed} | ${drop * 100}% | ${pct(shadowDetection({ replayed, drop }).blockedShare)} |`);
console.log(`\nwithout the position swap, equal agents at 2,000 requests: ${pct(unswappedFalseBlock({ replayed: 2000 }))} blocked`);

console.log('\n## serving endpoint wait: time to notice READY (simulated clock, Databricks fake)\n');
console.log('| endpoint ready after | policy | mean detection lag s | mean GETs |');
console.log('| --- | --- | --- | --- |');
const { servingWait } = await importBench('bench/serving-wait.ts');
for (const r of await servingWait(20)) console.log(`| ${r.readyAfterMs / 60000} min | ${r.policy} | ${fmt(r.detectionLagMs / 1000, 1)} | ${fmt(r.calls, 1)} |`);

console.log('\n## MLflow trace logging (evaluate.traces): 1,000 results rows as traces on a local MLflow 3.17 server (SQLite)\n');
console.log('| traces | write concurrency | wall ms | ms per 1,000 traces | HTTP requests |');
console.log('| --- | --- | --- | --- | --- |');
{
  const { mlflowExecutable, startMlflow } = await import('./mlflow-pipeline.mjs');
  const { traceLogging } = await importBench('bench/trace-logging.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-release-bench-traces-mlflow-'));
  const server = await startMlflow(mlflowExecutable(), dir);
  try {
    for (const r of await traceLogging(server.url, 1000)) console.log(`| ${r.logged} | ${r.concurrency} | ${fmt(r.wallMs)} | ${fmt(r.msPer1000)} | ${r.requests} |`);
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log('\n## a release against a local MLflow server (SQLite, proxied artifacts), CLI processes, 200 examples\n');
console.log('| step | MLflow API calls | wall ms (process start included) | calls |');
console.log('| --- | --- | --- | --- |');
{
  const { mlflowPipeline } = await import('./mlflow-pipeline.mjs');
  const r = await mlflowPipeline({ examples: 200 });
  for (const s of r.steps) console.log(`| ${s.step} | ${s.calls} | ${fmt(s.wallMs)} | ${s.byEndpoint.join(', ')} |`);
  const total = r.steps.reduce((a, s) => ({ calls: a.calls + s.calls, wallMs: a.wallMs + s.wallMs }), { calls: 0, wallMs: 0 });
  console.log(`| **total** | ${total.calls} | ${fmt(total.wallMs)} | |`);
}
