// Rebuilds dist/ (or the directory given as the first argument) with ncc: the action at
// dist/index.js and the CLI at dist/cli/index.js, both ES modules, each with its chunks beside it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.resolve(root, process.argv[2] ?? 'dist');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

rmSync(out, { recursive: true, force: true });
for (const [entry, dir] of [['src/index.ts', out], ['src/cli.ts', path.join(out, 'cli')]]) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', dir, '--license', 'licenses.txt', '--target', 'es2022', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}
// Every character outside ASCII (…, ≤, ✅ in messages) becomes a \u escape, the same string at run
// time. Node then keeps each file as one-byte text, not two-byte: 2 to 5 ms less start-up per run.
for (const dir of [out, path.join(out, 'cli')]) {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.js')).map((name) => path.join(dir, name))) {
    const text = readFileSync(file, 'utf8');
    const ascii = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (ascii !== text) writeFileSync(file, ascii);
  }
}
for (const dir of [out, path.join(out, 'cli')]) {
  loadChunksAsScripts(dir);
  requireBuiltinsDirectly(path.join(dir, 'index.js'));
}
chmodSync(path.join(out, 'cli', 'index.js'), 0o755);
console.log(`bundled into ${path.relative(root, out) || '.'}`);

/**
 * ncc's ES module output requires each Node built-in through a fresh `createRequire(import.meta.url)`,
 * which builds a CommonJS module each time: 0.5 ms of a gate's start-up for its dozen built-ins.
 * `process.getBuiltinModule` returns the same module object without one. Should this Node lack the
 * module (node:sqlite before 22.5), the require still runs, so the failure stays require's.
 */
function requireBuiltinsDirectly(entry) {
  const text = readFileSync(entry, 'utf8');
  const rewritten = text.replace(/__WEBPACK_EXTERNAL_createRequire\(import\.meta\.url\)\("([^"]+)"\)/g, (call, name) => {
    if (!isBuiltin(name)) throw new Error(`${entry}: ${name} is required as an external but is not a Node built-in; bundle it, or update requireBuiltinsDirectly in scripts/bundle.mjs`);
    return `(process.getBuiltinModule(${JSON.stringify(name)}) ?? ${call})`;
  });
  writeFileSync(entry, rewritten);
}

/**
 * Rewrites each chunk from an ES module into a script whose value is the chunk, and the runtime's
 * `import()` of a chunk into a call to src/shell/chunk-loader.ts, which keeps the chunk's compiled
 * code between runs. Each chunk's digest goes with the call, so a cache is never used for another
 * build's chunk. Fails when ncc's output is not in the shape this expects.
 */
function loadChunksAsScripts(dir) {
  const digests = {};
  for (const name of readdirSync(dir).filter((file) => /^\d+\.index\.js$/.test(file))) {
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    const head = /^export const id = (\d+);\nexport const ids = (\[[\d, ]*\]);\nexport const modules = \{/.exec(text);
    const tail = /\n\};\n*$/.exec(text);
    if (!head || !tail) throw new Error(`${file}: not the chunk shape ncc wrote before (export const id, ids, modules); update loadChunksAsScripts in scripts/bundle.mjs`);
    // Strict, as the module was: a script is sloppy unless it says so.
    const script = `'use strict';\n({ id: ${head[1]}, ids: ${head[2]}, modules: {${text.slice(head[0].length, tail.index)}\n} })\n`;
    // A chunk that is not a script (a static import, import.meta) fails the build, not a run.
    new vm.Script(script, { filename: file });
    writeFileSync(file, script);
    digests[head[1]] = createHash('sha256').update(script).digest('hex').slice(0, 16);
  }
  const entry = path.join(dir, 'index.js');
  const runtime = readFileSync(entry, 'utf8');
  const importChunk = 'import("./" + __nccwpck_require__.u(chunkId))';
  if (runtime.split(importChunk).length !== 2) throw new Error(`${entry}: expected one \`${importChunk}\` in ncc's chunk runtime; update loadChunksAsScripts in scripts/bundle.mjs`);
  // The global is CHUNK_LOADER_GLOBAL in src/shell/chunk-loader.ts (test/unit/chunk-loader.test.ts holds them together).
  const loadChunk = `globalThis.__agentReleaseLoadChunk(new URL("./" + __nccwpck_require__.u(chunkId), import.meta.url), ${JSON.stringify(digests)}[chunkId])`;
  writeFileSync(entry, runtime.replace(importChunk, loadChunk));
}
