// Concurrent CLI processes registering versions in the embedded registry: throughput with
// 1 writer versus 8 at once (the lock serialises them; the ratio shows what contention costs).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './cli.mjs';


export async function registryWriters({ writers, perWriter }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bench-'));
  try {
    await writeFile(path.join(dir, 'agent-release.yml'), 'version: 1\nmodel: { name: bench }\n');
    const started = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) await register(dir, `w${w}-${i}`);
      }),
    );
    const wallMs = performance.now() - started;
    return { writers, writes: writers * perWriter, wallMs, perWriteMs: wallMs / (writers * perWriter) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function register(cwd, source) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'registry', 'register', '--source', source, '--config', 'agent-release.yml'], { cwd, stdio: 'ignore' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`register exited ${code}`))));
  });
}
