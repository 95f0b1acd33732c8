#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _shell_chunk_loader__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3555);
/* harmony import */ var _shell_cancel_on_signals__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5486);
/* harmony import */ var _shell_heap_bounds__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8290);
/* harmony import */ var _shell_stdio__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2383);




// Start-up is most of a short run's cost. The bundle's chunks load through a loader that keeps
// their compiled code between runs (a job's steps share the temp directory), so the shell is
// imported after it is installed.
const chunkLoader = (0,_shell_chunk_loader__WEBPACK_IMPORTED_MODULE_0__/* .installChunkLoader */ .kU)(process.env, process.argv[2]);
const { commandOf, runCli } = await Promise.all(/* import() */[__nccwpck_require__.e(725), __nccwpck_require__.e(520)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4520));
(0,_shell_heap_bounds__WEBPACK_IMPORTED_MODULE_2__/* .boundHeap */ .Vu)(process.execArgv, process.env.NODE_OPTIONS, chunkLoader.settle);
// Options may come before the command (`--config x deploy`): the command is read as the CLI reads it.
const command = commandOf(process.argv.slice(2));
const stdout = (0,_shell_stdio__WEBPACK_IMPORTED_MODULE_3__/* .stdioWriter */ .ds)(1, command);
const stderr = (0,_shell_stdio__WEBPACK_IMPORTED_MODULE_3__/* .stdioWriter */ .ds)(2, command);
const stderrIsTTY = (0,_shell_stdio__WEBPACK_IMPORTED_MODULE_3__/* .isTerminal */ .Hd)(2);
const abort = new AbortController();
(0,_shell_cancel_on_signals__WEBPACK_IMPORTED_MODULE_1__/* .cancelOnSignals */ .d)(abort, command, stderr);
process.exitCode = await runCli(process.argv.slice(2), {
    stdout,
    stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: abort.signal,
    stderrIsTTY,
    stderrColumns: stderrIsTTY ? process.stderr.columns : undefined,
});
(0,_shell_stdio__WEBPACK_IMPORTED_MODULE_3__/* .exitIfShortRun */ .NS)(command);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4673:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ fnv1a)
/* harmony export */ });
/** 32-bit FNV-1a over a string's UTF-16 code units (a signed 32-bit result, as Math.imul gives). */
function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++)
        hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return hash;
}


/***/ }),

/***/ 6855:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Sf: () => (/* binding */ fletcher4),
/* harmony export */   Wb: () => (/* binding */ wasmSha256),
/* harmony export */   aA: () => (/* binding */ webAssemblyAvailable)
/* harmony export */ });
/* unused harmony exports roundConstantsAt, scheduleAt, stateAt, checksumAt, hashModule */
/**
 * SHA-256 and Fletcher-4 over bytes, in a small WebAssembly module (hash-module.ts). A gate or a
 * promote hashes a few kilobytes; loading node:crypto for that (it loads the stream modules too)
 * cost about 5 ms of a 80 ms run, and SHA-256 in JavaScript runs interpreted that early, 2 to 4
 * ms for those kilobytes. The module is compiled before it runs: the first 6 KB cost 0.6 ms, its
 * compile included (bench/hashes.ts). `sha256.ts` hands larger inputs to node:crypto.
 */
// Memory: the round constants, the message schedule, the hash state, the checksum, then input.
const roundConstantsAt = 0;
const scheduleAt = 256;
const stateAt = 512;
const checksumAt = 544;
const inputAt = 1024;
const pageBytes = 65536;
const initialState = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
/** The module in base64 (line breaks are skipped): memory, compress(from, to), fletcher4(from, to). hash-module.ts assembles it. */
const hashModule = `
AGFzbQEAAAABBgFgAn9/AAMDAgAABQMBAAEHIQMGbWVtb3J5AgAIY29tcHJlc3MAAAlmbGV0Y2hlcjQAAQrJBALsAwEKfwJAA0Ag
ACABTw0BQQAhAgNAIAIgACACaigCACILQYD+g3hxQQh3IAtB/4H8B3FBCHhyNgKAAiACQQRqIgJBwABJDQALA0AgAiACKALEASIL
QQd4IAtBEnhzIAtBA3ZzIAIoAvgBIgtBEXggC0ETeHMgC0EKdnNqIAIoAsABaiACKALkAWo2AoACIAJBBGoiAkGAAkkNAAtBACgC
gAQhA0EAKAKEBCEEQQAoAogEIQVBACgCjAQhBkEAKAKQBCEHQQAoApQEIQhBACgCmAQhCUEAKAKcBCEKQQAhAgNAIAogB0EGeCAH
QQt4cyAHQRl4c2ogByAIcSAHQX9zIAlxc2ogAigCAGogAigCgAJqIQsgCSEKIAghCSAHIQggBiALaiEHIAUhBiAEIQUgAyEEIAsg
BEECeCAEQQ14cyAEQRZ4c2ogBCAFcSAEIAZxcyAFIAZxc2ohAyACQQRqIgJBgAJJDQALQQBBACgCgAQgA2o2AoAEQQBBACgChAQg
BGo2AoQEQQBBACgCiAQgBWo2AogEQQBBACgCjAQgBmo2AowEQQBBACgCkAQgB2o2ApAEQQBBACgClAQgCGo2ApQEQQBBACgCmAQg
CWo2ApgEQQBBACgCnAQgCmo2ApwEIABBwABqIQAMAAsLC1kBBH4CQANAIAAgAU8NASACIAA1AgB8IQIgAyACfCEDIAQgA3whBCAF
IAR8IQUgAEEEaiEADAALC0EAIAI3A6AEQQAgAzcDqARBACAENwOwBEEAIAU3A7gECwuHAgEAQQALgAKYL4pCkUQ3cc/7wLWl27Xp
W8JWOfER8Vmkgj+S1V4cq5iqB9gBW4MSvoUxJMN9DFV0Xb5y/rHegKcG3Jt08ZvBwWmb5IZHvu/GncEPzKEMJG8s6S2qhHRK3Kmw
XNqI+XZSUT6YbcYxqMgnA7DHf1m/8wvgxkeRp9VRY8oGZykpFIUKtyc4IRsu/G0sTRMNOFNUcwpluwpqdi7JwoGFLHKSoei/oktm
Gqhwi0vCo1FsxxnoktEkBpnWhTUO9HCgahAWwaQZCGw3Hkx3SCe1vLA0swwcOUqq2E5Pypxb828uaO6Cj3RvY6V4FHjIhAgCx4z6
/76Q62xQpPej+b7yeHHG
`;
let module;
/** Whether this process runs WebAssembly: `node --jitless` has none. */
const webAssemblyAvailable = typeof WebAssembly !== 'undefined';
/** The module's memory with `bytes` at `inputAt` and `padded - bytes.length` zero bytes after them. */
function load(bytes, padded) {
    module ??= new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(hashModule, 'base64'))).exports;
    const needed = Math.ceil((inputAt + padded) / pageBytes) - module.memory.buffer.byteLength / pageBytes;
    if (needed > 0)
        module.memory.grow(needed);
    const memory = new Uint8Array(module.memory.buffer);
    memory.set(bytes, inputAt);
    memory.fill(0, inputAt + bytes.length, inputAt + padded);
    return module;
}
/** SHA-256 of `bytes`, in lowercase hex. */
function wasmSha256(bytes) {
    const padded = (Math.floor((bytes.length + 8) / 64) + 1) * 64;
    const { memory, compress } = load(bytes, padded);
    const view = new DataView(memory.buffer);
    view.setUint8(inputAt + bytes.length, 0x80);
    view.setUint32(inputAt + padded - 8, Math.floor(bytes.length / 2 ** 29));
    view.setUint32(inputAt + padded - 4, (bytes.length * 8) >>> 0);
    initialState.forEach((word, i) => view.setUint32(stateAt + 4 * i, word, true));
    compress(inputAt, inputAt + padded);
    let hex = '';
    for (let i = 0; i < 8; i++)
        hex += view.getUint32(stateAt + 4 * i, true).toString(16).padStart(8, '0');
    return hex;
}
/**
 * Fletcher-4 (ZFS's default checksum) of `bytes` with their length, in hex: it finds damage, not
 * tampering. A tail short of a word counts as if zero-padded, which the length tells apart.
 */
function fletcher4(bytes) {
    const padded = Math.ceil(bytes.length / 4) * 4;
    const { memory, fletcher4: sum } = load(bytes, padded);
    sum(inputAt, inputAt + padded);
    const view = new DataView(memory.buffer);
    let hex = bytes.length.toString(16);
    for (let i = 0; i < 4; i++)
        hex += `-${view.getBigUint64(checksumAt + 8 * i, true).toString(16)}`;
    return hex;
}


/***/ }),

/***/ 5486:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ cancelOnSignals)
/* harmony export */ });
/** Modes that undo what they changed when cancelled: a rollout rolls back, a rollback finishes. */
const undoing = new Set(['deploy', 'rollback']);
/**
 * The first SIGINT or SIGTERM cancels the run. For a mode that then undoes what it changed, a
 * second one used to kill the process part-way through that rollback, with nothing said; now it
 * is answered and the rollback goes on (SIGKILL still stops it). Any other mode stops at the
 * second signal, as it always did.
 */
function cancelOnSignals(abort, mode, say) {
    const holds = mode !== undefined && undoing.has(mode);
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.on(signal, () => {
            if (!abort.signal.aborted) {
                abort.abort(new Error(`cancelled (${signal})`));
                return;
            }
            if (!holds)
                process.exit(130);
            say(`agent-release: ${signal} again: still stopping, and what this run changed is being undone (a rollback is not cut short). To stop at once, send SIGKILL, then run the same command again: it finishes the rollback\n`);
        });
    }
}


/***/ }),

/***/ 3555:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  kU: () => (/* binding */ installChunkLoader)
});

// UNUSED EXPORTS: CHUNK_LOADER_GLOBAL, chunkCacheDirectory, createChunkLoader

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = (process.getBuiltinModule("node:vm") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm"));
var external_node_vm_default = /*#__PURE__*/__nccwpck_require__.n(external_node_vm_namespaceObject);
// EXTERNAL MODULE: ./src/fnv.ts
var fnv = __nccwpck_require__(4673);
// EXTERNAL MODULE: ./src/hash/wasm-hashes.ts
var wasm_hashes = __nccwpck_require__(6855);
;// CONCATENATED MODULE: ./src/shell/chunk-loader.ts







/**
 * The global the bundle's chunk runtime calls instead of `import()` (scripts/bundle.mjs rewrites
 * it). Node's compile cache serialises a module as soon as it is compiled, so it keeps only the
 * functions V8 compiled eagerly: a gate still compiled about 1,000 functions lazily on every run,
 * some 20 ms. A chunk run as a script can be serialised after the run, with every function that
 * run used (bench/startup.mjs).
 */
const CHUNK_LOADER_GLOBAL = '__agentReleaseLoadChunk';
/** More kinds than a shell has commands: a cache keeps growing no further. */
const maxKinds = 24;
/**
 * Loads chunks with their code cache from `cacheDir`. A cache file is named by the chunk's digest
 * (computed when bundling), its path (two installs keep a cache each), Node's version and the
 * node flags the process started with (V8 rejects a cache made under other flags, so each set
 * keeps its own). It starts with the size, mtime and ctime the chunk had when it was written: a
 * chunk edited in place, even with its mtime put back, or checked out again, is compiled afresh.
 * A cache directory that other users could write to is neither read nor written, since a code
 * cache is code. Any failure to read or write a cache only costs the compile it would have saved.
 *
 * `runKind` names what this run does (the command or the action's mode). A gate after an
 * evaluate finds the chunks it shares with it cached, but without the functions only a gate
 * calls, and compiled them on every run (3 ms of its start-up); so a cache is written again, with
 * everything the run compiled, the first time each kind of run uses it.
 */
function createChunkLoader(cacheDir, nodeFlags = '', runKind = '') {
    const flagsPart = nodeFlags.trim() ? `-${shortName(nodeFlags.trim())}` : '';
    const kind = /^[a-z][a-z0-9-]{0,31}$/.test(runKind) ? runKind : undefined;
    const pending = [];
    let trusted;
    let settled = false;
    // Without WebAssembly (node --jitless) there is no checksum to check a cache with.
    const cacheUsable = () => (trusted ??= wasm_hashes/* webAssemblyAvailable */.aA && cacheDir !== undefined && ownedPrivateDirectory(cacheDir));
    const loadNow = (url, digest) => {
        const file = (0,external_node_url_.fileURLToPath)(url);
        const source = (0,external_node_fs_.readFileSync)(file, 'utf8');
        const { size, mtimeMs, ctimeMs } = (0,external_node_fs_.statSync)(file);
        const stamp = `${size} ${mtimeMs} ${ctimeMs}`;
        const cacheFile = cacheDir === undefined || settled ? undefined : external_node_path_default().join(cacheDir, `${digest}-${shortName(file)}-${process.version}-${process.arch}${flagsPart}.bin`);
        const cached = cacheFile !== undefined && cacheUsable() ? readStamped(cacheFile, stamp) : undefined;
        const script = new (external_node_vm_default()).Script(source, {
            filename: file,
            cachedData: cached?.data,
            importModuleDynamically: (external_node_vm_default()).constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
        });
        const kinds = kind === undefined ? [] : [kind];
        if (cacheFile !== undefined) {
            if (cached === undefined || script.cachedDataRejected === true)
                pending.push({ cacheFile, stamp, script, kinds });
            else if (kind !== undefined && !cached.kinds.includes(kind) && cached.kinds.length < maxKinds)
                pending.push({ cacheFile, stamp, script, kinds: [...cached.kinds, kind] });
        }
        return script.runInThisContext();
    };
    const persist = () => {
        if (cacheDir === undefined || pending.length === 0)
            return [];
        // One level at a time: a recursive mkdir under /proc loops forever (EEXIST, ENOENT, again).
        for (const dir of [external_node_path_default().dirname(cacheDir), cacheDir]) {
            try {
                (0,external_node_fs_.mkdirSync)(dir, { mode: 0o700 });
            }
            catch (error) {
                if (error.code !== 'EEXIST')
                    return [];
            }
        }
        trusted = undefined;
        if (!cacheUsable())
            return [];
        const written = [];
        for (const { cacheFile, stamp, script, kinds } of pending.splice(0)) {
            const partial = `${cacheFile}.${process.pid}.tmp`;
            try {
                const data = script.createCachedData();
                (0,external_node_fs_.writeFileSync)(partial, Buffer.concat([Buffer.from(`${[stamp, (0,wasm_hashes/* fletcher4 */.Sf)(data), ...(kinds.length > 0 ? [kinds.join(',')] : [])].join(' ')}\n`), data]), { mode: 0o600 });
                (0,external_node_fs_.renameSync)(partial, cacheFile);
                written.push(cacheFile);
            }
            catch {
                // A full or read-only temp directory: the next run compiles again. No partial file stays to fill it.
                try {
                    (0,external_node_fs_.rmSync)(partial, { force: true });
                }
                catch {
                    // Nothing was written.
                }
            }
        }
        return written;
    };
    return {
        load: (url, digest) => new Promise((resolve) => resolve(loadNow(url, digest))),
        persist,
        settle: () => {
            persist();
            settled = true;
        },
    };
}
/**
 * Where the shells keep chunk caches: beside Node's own compile cache, in the directory
 * NODE_COMPILE_CACHE names (a workflow may keep it between jobs) or the temp directory, and
 * nowhere when NODE_DISABLE_COMPILE_CACHE is set.
 */
function chunkCacheDirectory(env) {
    if (env.NODE_DISABLE_COMPILE_CACHE)
        return undefined;
    return external_node_path_default().join(env.NODE_COMPILE_CACHE || external_node_path_default().join(external_node_os_default().tmpdir(), 'node-compile-cache'), 'agent-release');
}
/**
 * Makes the bundle's chunks load through a cached loader, and writes the caches at exit, or
 * earlier through the returned loader's `settle`, before the process changes a V8 flag.
 */
function installChunkLoader(env, runKind) {
    const loader = createChunkLoader(chunkCacheDirectory(env), `${process.execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`, runKind);
    globalThis[CHUNK_LOADER_GLOBAL] = loader.load;
    process.once('exit', () => loader.persist());
    return loader;
}
/**
 * The cache after its header line (`<chunk's size> <mtime> <ctime> <checksum of the cache> <kinds
 * of run it holds, comma-separated>`), when the header matches the chunk and the cache its
 * checksum. V8 checks only a cache's length and flags: a damaged cache of the right length
 * crashed the process on every run. Its own checksum check (--verify-snapshot-checksum) costs
 * 10 ms a run, SHA-256 about 5 ms with loading node:crypto, Fletcher-4 in WebAssembly under 1 ms.
 */
function readStamped(cacheFile, stamp) {
    let data;
    try {
        data = (0,external_node_fs_.readFileSync)(cacheFile);
    }
    catch {
        return undefined;
    }
    const end = data.indexOf(10);
    if (end < 0)
        return undefined;
    const header = data.subarray(0, end).toString('latin1');
    if (!header.startsWith(`${stamp} `))
        return undefined;
    const [hash, kinds = ''] = header.slice(stamp.length + 1).split(' ');
    const cache = data.subarray(end + 1);
    return hash === (0,wasm_hashes/* fletcher4 */.Sf)(cache) ? { data: cache, kinds: kinds.split(',').filter(Boolean) } : undefined;
}
function ownedPrivateDirectory(dir) {
    try {
        const stats = (0,external_node_fs_.lstatSync)(dir);
        if (!stats.isDirectory())
            return false;
        // Windows reports no owner, and each user's temp directory is their own.
        if (process.platform === 'win32' || process.getuid === undefined)
            return true;
        return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
    }
    catch {
        return false;
    }
}
/** A short, stable name for a string: file names, not security. */
function shortName(text) {
    return ((0,fnv/* fnv1a */.P)(text) >>> 0).toString(16).padStart(8, '0');
}


/***/ }),

/***/ 8290:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Vu: () => (/* binding */ boundHeap)
/* harmony export */ });
/* unused harmony exports youngGenerationCap, oldGenerationBound, untilTrueAfterEachGc, exposedGc */
const MiB = 2 ** 20;
/** Two 4 MiB semi-spaces (see youngGenerationCap). */
const youngCapBytes = 8 * MiB;
/** What the old generation may gain over what the last major GC left before the next one is asked for. */
const oldGrowthBytes = 8 * MiB;
const oldGrowthRatio = 1.5;
/**
 * Whether to stop the young generation growing, asked after every GC until it says yes. V8
 * doubles the young generation while objects survive its scavenges, and a long evaluation's
 * requests in flight always do: it reached 64 MiB, and peak RSS went from 134 MiB at 10,000
 * examples to 237 MiB at 100,000. Capped at 16 MiB, peak RSS still rose after the first 10,000
 * examples as the young generation filled: medians of 113 and 129 MiB over 12 interleaved runs.
 * At 8 MiB, 114 and 123 MiB, for 4% more CPU a request against an instant agent
 * (bench/evaluate-memory.mjs). `--max-semi-space-size` is read only at start-up, and the runner
 * starts the action as `node dist/index.js`; the growth factor is read at every resize, so it is
 * the one setting that can still stop it. A user who sized the young generation themselves is
 * left alone.
 */
function youngGenerationCap(hooks) {
    const sizedByUser = /--(max|min)[-_]semi[-_]space[-_]size|--semi[-_]space[-_]growth[-_]factor/.test(hooks.nodeFlags);
    return () => {
        if (sizedByUser)
            return true;
        if (hooks.newSpaceBytes() < youngCapBytes)
            return false;
        hooks.setGrowthFactor(1);
        return true;
    };
}
/**
 * A check, asked on every tick, that runs a major GC once the old generation has grown by 8 MiB
 * (or by half, when it holds more than 16 MiB) since the last one. V8 sizes the old generation
 * for the rate at which it fills, and an evaluation promotes the garbage of its requests in
 * flight and their socket buffers all run long: left alone, peak RSS at 100,000 examples was
 * 138 to 155 MiB against 119 to 129 at 10,000. Bounded, 126 to 135 MiB, for 5 to 7 major GCs
 * instead of 2 and about 4% more wall against an instant agent (bench/evaluate-memory.mjs). The limits V8 would take instead (`--max-old-space-size`,
 * `--heap-growing-percent`) are read only at start-up; a user who set one is left alone.
 */
function oldGenerationBound(hooks) {
    if (/--max[-_]old[-_]space[-_]size|--max[-_]heap[-_]size|--heap[-_]growing[-_]percent/.test(hooks.nodeFlags))
        return () => { };
    let floor;
    return () => {
        const held = hooks.heldBytes();
        if (floor === undefined || held < floor) {
            floor = held;
            return;
        }
        if (held <= Math.max(floor + oldGrowthBytes, floor * oldGrowthRatio))
            return;
        hooks.collect();
        floor = hooks.heldBytes();
    };
}
/**
 * Checks every 100 ms (no timer keeps the process alive) whether to collect the old generation,
 * and after every GC whether to cap the young one. V8 grows the young generation at the end of a
 * scavenge, and at 30,000 requests a second one 100 ms tick could see two growths: with a 16 MiB
 * cap, 3 of 4 runs of 100,000 examples ended with 32 (peak RSS 141 to 149 MiB instead of 127).
 * The first check waits a tick: a gate or a promote is over before either could matter, and never
 * loads node:v8 (2 ms of its start-up). `beforeFlagChange` runs before the one V8 flag that stays
 * changed is set: code cached after it would not match the flags of the next run's start.
 */
function boundHeap(execArgv, nodeOptions, beforeFlagChange) {
    const v8 = () => process.getBuiltinModule('node:v8');
    const space = (name) => v8().getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_used_size ?? 0;
    const nodeFlags = `${execArgv.join(' ')} ${nodeOptions ?? ''}`;
    const youngCapped = youngGenerationCap({
        newSpaceBytes: () => v8().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0,
        setGrowthFactor: (factor) => {
            beforeFlagChange();
            v8().setFlagsFromString(`--semi-space-growth-factor=${factor}`);
        },
        nodeFlags,
    });
    let gc;
    const boundOld = oldGenerationBound({
        heldBytes: () => space('old_space') + space('large_object_space') + process.memoryUsage().external,
        collect: () => (gc ??= exposedGc())(),
        nodeFlags,
    });
    let firstTick = true;
    const timer = setInterval(() => {
        if (firstTick && !youngCapped())
            untilTrueAfterEachGc(youngCapped);
        firstTick = false;
        boundOld();
    }, 100);
    timer.unref();
}
/** Asks `check` after every GC (on the next turn of the event loop) until it says yes. */
function untilTrueAfterEachGc(check) {
    const { PerformanceObserver } = process.getBuiltinModule('node:perf_hooks');
    const observer = new PerformanceObserver(() => {
        if (check())
            observer.disconnect();
    });
    observer.observe({ entryTypes: ['gc'] });
}
/**
 * V8's gc(), as `--expose-gc` gives it, without the flag on the command line (the runner starts
 * the action without flags): turned on for one new context, which gets the function, and off
 * again, so the process's own global never has it. Jest's leak detector does the same.
 */
function exposedGc() {
    const existing = globalThis.gc;
    if (existing)
        return existing;
    const v8 = process.getBuiltinModule('node:v8');
    v8.setFlagsFromString('--expose-gc');
    try {
        return process.getBuiltinModule('node:vm').runInNewContext('gc');
    }
    finally {
        v8.setFlagsFromString('--no-expose-gc');
    }
}


/***/ }),

/***/ 2383:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ isTerminal),
/* harmony export */   NS: () => (/* binding */ exitIfShortRun),
/* harmony export */   ds: () => (/* binding */ stdioWriter),
/* harmony export */   qG: () => (/* binding */ reportStreamFailures)
/* harmony export */ });
/* unused harmony exports writesDirectly, writeFully */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

/** Runs that keep work in flight while they log: requests, bakes, probes, deploy commands. */
const keepsWorkInFlight = new Set(['evaluate', 'deploy', 'verify', 'rollback', 'shadow']);
/**
 * Writes text to stdout (1) or stderr (2) for a run of `command` (a CLI command or the action's
 * mode). A short run (gate, promote, merge, detect, registry, help) writes to a pipe, socket, file,
 * terminal or device straight through the descriptor, synchronously: process.stdout and
 * process.stderr load node:net and open a stream first, 1.3 ms of a gate's start-up
 * (bench/startup.mjs). Its report fits a pipe's buffer; one that does not waits for the reader, as
 * the run would to exit. A run that keeps work in flight keeps Node's streams, which buffer when a
 * pipe is full: a direct write to a pipe whose reader stalls (a paused pager) would block until it
 * reads, and with it the rollout's timers and its SIGTERM. So do Windows (whose console and pipes
 * Node's streams handle) and a closed descriptor. A reader that has gone (EPIPE) ends the output,
 * not the run; any other failure to write (a full disk under `gate --json > decision.json`) ends
 * it too, and the run exits 1 saying so on the other stream, rather than leave a cut file behind a
 * success.
 */
function stdioWriter(fd, command) {
    let write;
    return (text) => (write ??= writerFor(fd, command))(text);
}
/** Whether a run of `command` writes straight through its descriptors (see stdioWriter). */
function writesDirectly(command) {
    return process.platform !== 'win32' && !keepsWorkInFlight.has(command ?? '');
}
/**
 * Ends a finished short run without tearing down its heap: about 1 ms of a gate (bench/startup.mjs).
 * Everything it printed was written synchronously (see stdioWriter), a failed write included, and
 * it awaited everything it started. 'exit' handlers still run.
 */
function exitIfShortRun(command) {
    if (writesDirectly(command))
        process.exit();
}
/** Whether `fd` is a terminal. Only a character device can be one, and only then are Node's streams opened to ask. */
function isTerminal(fd) {
    return characterDevice(fd) && (fd === 1 ? process.stdout : process.stderr).isTTY === true;
}
function writerFor(fd, command) {
    if (!writesDirectly(command) || closed(fd)) {
        const stream = reportStreamFailures(fd);
        return (text) => void stream.write(text);
    }
    return (text) => writeFully(Buffer.from(text), (bytes, at) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd, bytes, at), (error) => outputFailed(fd, error));
}
const reported = new Set();
/**
 * Process.stdout or process.stderr, its failed writes reported as the direct ones are. Also for
 * code that writes the stream itself (@actions/core's getIDToken writes ::add-mask::): without a
 * listener, a write that fails is an 'error' event, which ends the process with a stack.
 */
function reportStreamFailures(fd) {
    const stream = fd === 1 ? process.stdout : process.stderr;
    if (!reported.has(fd))
        stream.on('error', (error) => outputFailed(fd, error));
    reported.add(fd);
    return stream;
}
let failed = false;
function outputFailed(fd, error) {
    if (error.code === 'EPIPE' || failed)
        return;
    failed = true;
    process.once('exit', (code) => {
        if (code === 0)
            process.exitCode = 1;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd === 1 ? 2 : 1, `agent-release: could not write to ${fd === 1 ? 'stdout' : 'stderr'} (${error.message}); what it printed there is incomplete\n`);
        }
        catch {
            // Neither stream takes it: the exit code says it.
        }
    });
}
function closed(fd) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        return false;
    }
    catch {
        return true;
    }
}
function characterDevice(fd) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd).isCharacterDevice();
    }
    catch {
        // A closed descriptor: Node's streams know what to do with one.
        return true;
    }
}
const pause = new Int32Array(new SharedArrayBuffer(4));
/**
 * Writes all of `bytes` with `writeAt`, which writes from an offset and returns how many bytes it
 * wrote (fs.writeSync). A pipe may take part of them; a descriptor that Node's own stream for it
 * made non-blocking (@actions/core writing through process.stdout), or a parent shared so, may be
 * full (EAGAIN), and is waited on. Any other failure ends the text, and is told to `onFailure`.
 */
function writeFully(bytes, writeAt, onFailure) {
    for (let at = 0; at < bytes.length;) {
        try {
            at += writeAt(bytes, at);
        }
        catch (error) {
            if (error.code !== 'EAGAIN')
                return onFailure(error);
            Atomics.wait(pause, 0, 0, 2);
        }
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("assert") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert"));

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("buffer") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer"));

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("child_process") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process"));

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("crypto") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto"));

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("events") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events"));

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("fs") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs"));

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("http") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http"));

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("https") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https"));

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("net") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net"));

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:assert") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert"));

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:async_hooks") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks"));

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:buffer") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer"));

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:console") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console"));

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:crypto") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto"));

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:diagnostics_channel") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel"));

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:dns") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns"));

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:events") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events"));

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:fs") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs"));

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:http") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http"));

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:http2") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2"));

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:net") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net"));

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:os") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os"));

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:path") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path"));

/***/ }),

/***/ 5881:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:perf_hooks") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks"));

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:querystring") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring"));

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:sqlite") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite"));

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:stream") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream"));

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:string_decoder") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder"));

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:timers/promises") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises"));

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:tls") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls"));

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:url") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url"));

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:util") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util"));

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:util/types") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types"));

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:worker_threads") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads"));

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("node:zlib") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib"));

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("os") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os"));

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("path") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path"));

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("process") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process"));

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("stream") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream"));

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("string_decoder") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder"));

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("timers") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers"));

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("tls") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls"));

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = (process.getBuiltinModule("util") ?? __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util"));

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = globalThis.__agentReleaseLoadChunk(new URL("./" + __nccwpck_require__.u(chunkId), import.meta.url), {"54":"02ae82d716a6381f","67":"d52fe0489c607b80","70":"64dcf53ab6a2047a","87":"e6956eb73ece3891","93":"98ee89e50ab0b616","119":"2c4efd851ead039f","163":"17a3abbf60e81598","171":"730a97a1821feb54","235":"5fd8c4508135a5da","258":"2c8f10f7ea0d8ea7","260":"4c6b51dfb120aca6","307":"1f89dfb2abc46bc9","311":"efe8287934fc0504","327":"f22e916ac4a45c6d","338":"234187d936773e2f","349":"d2a930313f4c8122","421":"e431cb81c7cfe557","487":"09ba102cdebb87f8","520":"9a9aa26bbff505f6","526":"19875e5dfdac2cf7","541":"1c10766772ada74e","725":"ea97b519100ea865","726":"3aa5277ff2260017","731":"2a6b9d7bea8ea63f","745":"dc18338c8f1b550f","865":"71363aad11d54106","894":"e6b34a96b257af33","933":"24c6710002d1ec65","937":"9793c858e4f53f45"}[chunkId]).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
