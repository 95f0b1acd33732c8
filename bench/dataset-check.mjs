// The whole-dataset check evaluate runs before its first request (syntax, ids, input column, what
// the scorers need), timed through `evaluate --dry-run`, which does the check and sends nothing:
// wall time and peak RSS against a bare line-by-line JSON.parse loop over the same file.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { cli } from './cli.mjs';
import { measured } from './gate-scale.mjs';

export async function datasetCheck(rows) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-dataset-check-'));
  try {
    const out = createWriteStream(path.join(dir, 'golden.jsonl'));
    for (let i = 0; i < rows; i++) {
      const line = `{"id":"q${i}","input":"How do I get a refund for order ${i}?","expected":"refund"}\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    const registry = { schema: 'agent-release.registry/v1', models: { bench: { versions: { 1: { source: 'bench', status: 'READY', created_at: new Date().toISOString(), tags: {} } }, aliases: {} } } };
    await writeFile(path.join(dir, 'registry.json'), JSON.stringify(registry));
    await writeFile(path.join(dir, 'agent-release.yml'), `version: 1\nmodel: { name: bench, path: registry.json }\nevaluate:\n  dataset: { path: golden.jsonl }\n  endpoint: { url: "http://127.0.0.1:9/v1/chat/completions" }\n  scorers: [{ type: contains }]\n`);
    const parseLoop = `const fs=require('fs'),rl=require('readline');(async()=>{const ids=new Set();for await(const l of rl.createInterface({input:fs.createReadStream(process.argv[1]),crlfDelay:Infinity})){if(l)ids.add(JSON.parse(l).id)}})()`;
    const bare = measured([process.execPath, '-e', parseLoop, 'golden.jsonl'], dir);
    const check = measured([process.execPath, cli, 'evaluate', '--model-version', '1', '--config', 'agent-release.yml', '--dry-run'], dir);
    return { rows, check, bare, ratio: check.wallMs / bare.wallMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
