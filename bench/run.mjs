// npm run bench: prints each benchmark as a table row with its ratio. Numbers, not assertions.
import { evaluateThroughput } from './evaluate-throughput.mjs';
import { importBench } from './build.mjs';
import { gateScale } from './gate-scale.mjs';
import { registryWriters } from './registry-writers.mjs';

const fmt = (n, digits = 0) => n.toFixed(digits);

console.log('## evaluate throughput (CLI process start included)\n');
console.log('| examples | latency ms | concurrency | wall ms | ideal ms | ratio to ideal |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const shape of [
  { examples: 2000, latencyMs: 50, concurrency: 32 },
  { examples: 500, latencyMs: 200, concurrency: 16 },
]) {
  const r = await evaluateThroughput(shape);
  console.log(`| ${r.examples} | ${r.latencyMs} | ${r.concurrency} | ${fmt(r.wallMs)} | ${fmt(r.idealMs)} | ${fmt(r.ratio, 3)} |`);
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
console.log('| rows per side | gate wall ms | gate peak RSS MiB | JSON.parse loop ms | loop peak RSS MiB | gate / loop |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const rows of [100_000, 1_000_000]) {
  const r = await gateScale(rows);
  console.log(`| ${rows} | ${fmt(r.gate.wallMs)} | ${fmt(r.gate.rssMiB)} | ${fmt(r.bare.wallMs)} | ${fmt(r.bare.rssMiB)} | ${fmt(r.ratio, 2)} |`);
}
