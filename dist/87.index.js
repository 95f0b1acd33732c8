'use strict';
({ id: 87, ids: [87], modules: {

/***/ 5087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  merge: () => (/* binding */ merge)
});

// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(37253);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/contract/summary.ts
var contract_summary = __webpack_require__(41938);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/contract/jsonl.ts
var jsonl = __webpack_require__(82047);
// EXTERNAL MODULE: ./src/contract/line-writer.ts
var line_writer = __webpack_require__(44752);
// EXTERNAL MODULE: ./src/contract/results.ts
var results = __webpack_require__(70116);
// EXTERNAL MODULE: ./src/evaluate/aggregate.ts
var evaluate_aggregate = __webpack_require__(8352);
// EXTERNAL MODULE: ./src/evaluate/shard.ts
var shard = __webpack_require__(94743);
;// CONCATENATED MODULE: ./src/evaluate/merge.ts









/**
 * Every regular file named summary.json under the roots (directories are searched recursively,
 * files are taken as given), sorted. After actions/download-artifact with merge-multiple: false
 * each shard's artifact sits in its own folder, so the depth is not fixed. Symbolic links are
 * not followed, so a link cannot pull in files from outside the roots or loop.
 */
async function findShardSummaries(roots, exclude, show) {
    const found = new Set();
    const walk = async (dir) => {
        for (const entry of await (0,fs_async/* readdir */.Cy)(dir, { withFileTypes: true })) {
            const full = external_node_path_default().join(dir, entry.name);
            if (entry.isDirectory())
                await walk(full);
            else if (entry.isFile() && entry.name === 'summary.json' && !exclude.has(full))
                found.add(full);
        }
    };
    for (const root of roots) {
        let isDirectory;
        try {
            isDirectory = (await (0,fs_async/* stat */.dJ)(root)).isDirectory();
        }
        catch (error) {
            const missing = error.code === 'ENOENT';
            throw new errors/* InputError */.dz(`shards path ${show(root)} ${missing ? 'does not exist; download every shard\'s artifact there first' : `cannot be read: ${error.message}`}`);
        }
        if (isDirectory)
            await walk(root);
        else
            found.add(root);
    }
    if (found.size === 0) {
        throw new errors/* InputError */.dz(`no shard summaries (summary.json) under ${roots.map(show).join(', ')}; run evaluate with shard: i/n in each matrix job and download every shard's artifact there (actions/download-artifact with pattern and merge-multiple: false)`);
    }
    return [...found].sort();
}
/** Reads each summary and refuses one that is not a shard's; results.jsonl is expected beside it. */
async function readShards(files, show) {
    const shards = [];
    for (const summaryFile of files) {
        const summary = await (0,contract_summary/* readSummary */.L_)(summaryFile);
        const { shard } = summary;
        if (!shard) {
            throw new errors/* InputError */.dz(`${show(summaryFile)} is not a shard summary (it has no shard field); merge combines the summaries written by evaluate with shard: i/n, so point it at those only`);
        }
        shards.push({ summaryFile, resultsFile: external_node_path_default().join(external_node_path_default().dirname(summaryFile), 'results.jsonl'), summary: { ...summary, shard } });
    }
    return shards;
}
/**
 * The checks that need no results row: one model version, one shard count, one dataset, every
 * index exactly once, and each shard holding the rows its index gives it. Returns the shards in
 * index order.
 */
function checkShards(shards, expected, show) {
    const label = (s) => `${show(s.summaryFile)} (shard ${(0,shard/* shardLabel */.$_)(s.summary.shard)})`;
    for (const s of shards) {
        const { name, version } = s.summary.model;
        if (name !== expected.model || version !== expected.version) {
            throw new errors/* InputError */.dz(`${show(s.summaryFile)} is the evaluation of ${name} version ${version}, but merge was asked for ${expected.model} version ${expected.version}; merge the shards of one version only`);
        }
    }
    const counts = groupBy(shards, (s) => String(s.summary.shard.count));
    if (counts.size > 1) {
        const parts = [...counts].map(([count, group]) => `${count} in ${group.map(label).join(', ')}`);
        throw new errors/* InputError */.dz(`shards disagree on the shard count: ${parts.join('; ')}; merge the shards of one matrix run only`);
    }
    const datasets = groupBy(shards, (s) => `${s.summary.dataset.name} ${s.summary.dataset.digest} ${s.summary.dataset.rows}`);
    if (datasets.size > 1) {
        const parts = [...datasets.values()].map((group) => {
            const d = group[0].summary.dataset;
            return `${d.name} ${d.digest.slice(0, 19)}\u2026 (${d.rows} rows) in ${group.map(label).join(', ')}`;
        });
        throw new errors/* InputError */.dz(`shards were evaluated on different datasets: ${parts.join('; ')}; re-run every shard on the same dataset file`);
    }
    const settings = groupBy(shards, (s) => s.summary.shard.settings_digest ?? '');
    if (settings.size > 1) {
        const parts = [...settings].map(([digest, group]) => `${digest ? `${digest.slice(0, 19)}\u2026` : 'not recorded'} in ${group.map(label).join(', ')}`);
        throw new errors/* InputError */.dz(`shards were evaluated under different evaluate settings (scorers, repeat, conversation, cost or endpoint format): ${parts.join('; ')}; re-run every shard from one config`);
    }
    const first = shards[0];
    const { count } = first.summary.shard;
    const rows = first.summary.dataset.rows;
    const byIndex = groupBy(shards, (s) => String(s.summary.shard.index));
    for (const [index, group] of byIndex) {
        if (group.length > 1) {
            throw new errors/* InputError */.dz(`shard ${index}/${count} appears ${group.length} times: ${group.map((s) => show(s.summaryFile)).join(', ')}; keep one (download each shard's artifact once)`);
        }
    }
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(String(i)));
    if (missing.length > 0) {
        const found = [...byIndex.keys()].map(Number).sort((a, b) => a - b);
        throw new errors/* InputError */.dz(`${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (found ${found.map((i) => `${i}/${count}`).join(', ')}); re-run the missing shard's job, and merge only after every shard has finished`);
    }
    const ordered = [...shards].sort((a, b) => a.summary.shard.index - b.summary.shard.index);
    for (const s of ordered) {
        const want = (0,shard/* shardRows */._1)(s.summary.shard, rows);
        if (s.summary.shard.rows !== want) {
            throw new errors/* InputError */.dz(`${label(s)} holds ${s.summary.shard.rows} rows, but shard ${(0,shard/* shardLabel */.$_)(s.summary.shard)} of a ${rows}-row dataset holds ${want}; the shards' rows must add up to the dataset's ${rows}`);
        }
    }
    return ordered;
}
/** Each results.jsonl must be the very file its summary was written with. */
async function checkResultDigests(shards, show) {
    for (const s of shards) {
        let digest;
        try {
            digest = await (0,shard/* fileDigest */.hd)(s.resultsFile);
        }
        catch (error) {
            const missing = error.code === 'ENOENT';
            throw new errors/* InputError */.dz(`${show(s.summaryFile)} has no readable results.jsonl beside it (${show(s.resultsFile)}: ${missing ? 'file not found' : error.message}); upload both files of every shard`);
        }
        if (digest !== s.summary.shard.results_digest) {
            throw new errors/* InputError */.dz(`${show(s.resultsFile)} is not the results file ${show(s.summaryFile)} was written with (digest ${digest.slice(0, 19)}\u2026, the summary says ${s.summary.shard.results_digest.slice(0, 19)}\u2026); upload a shard's summary.json and results.jsonl together, from the same run`);
        }
    }
}
/**
 * Streams every shard's results rows, in order, into one aggregate (so means, intervals and
 * percentiles are computed over the whole set, not averaged across shards) and, unless `out` is
 * null, into one results file. Memory holds the example ids (to refuse one seen twice) and the
 * latencies (for percentiles), never the rows.
 */
async function combineResults(shards, scorers, out, show) {
    const aggregate = new evaluate_aggregate/* Aggregate */.S(scorers);
    const names = scorers.flatMap((s) => [s.name, ...(s.parts ?? []).map((p) => p.name)]).sort();
    // Example id \u2192 its shard; with `repeat: k` an id has k rows (runs 1..k), each seen once.
    const shardOf = new Map();
    const runsSeen = new Set();
    const rows = [];
    const stream = out ? new line_writer/* LineWriter */.E(out) : null;
    try {
        for (const s of shards) {
            let count = 0;
            let examples = 0;
            for await (const { line, value } of (0,jsonl/* readJsonl */.f)(s.resultsFile, results/* resultSchema */.FD, 'shard results')) {
                const where = `${show(s.resultsFile)}:${line}`;
                const other = shardOf.get(value.id);
                if (other && other !== s) {
                    throw new errors/* InputError */.dz(`${where}: example id "${value.id}" appears in two shards: ${show(other.resultsFile)} (shard ${(0,shard/* shardLabel */.$_)(other.summary.shard)}) and ${show(s.resultsFile)} (shard ${(0,shard/* shardLabel */.$_)(s.summary.shard)}); shards must be disjoint slices of one dataset`);
                }
                const run = `${value.id}\u0000${value.repeat ?? 1}`;
                if (runsSeen.has(run)) {
                    const which = value.repeat === undefined ? '' : ` run ${value.repeat}`;
                    throw new errors/* InputError */.dz(`${where}: example id "${value.id}"${which} appears twice in ${show(s.resultsFile)}; example ids must be unique`);
                }
                runsSeen.add(run);
                if (!other) {
                    shardOf.set(value.id, s);
                    examples++;
                }
                const scored = Object.keys(value.scores).sort();
                if (scored.join('\0') !== names.join('\0')) {
                    throw new errors/* InputError */.dz(`${where}: scores are named ${scored.join(', ') || 'nothing'} but evaluate.scorers names ${names.join(', ')}; merge with the configuration the shards were evaluated with`);
                }
                aggregate.add(value);
                count++;
                if (stream)
                    await stream.write(`${JSON.stringify(value)}\n`);
            }
            if (examples !== s.summary.shard.rows) {
                const runs = count === examples ? '' : ` (in ${count} rows)`;
                throw new errors/* InputError */.dz(`${show(s.resultsFile)} has ${examples} examples${runs} but ${show(s.summaryFile)} says shard ${(0,shard/* shardLabel */.$_)(s.summary.shard)} holds ${s.summary.shard.rows}`);
            }
            rows.push(count);
        }
    }
    finally {
        await stream?.close();
    }
    return { aggregate, rows };
}
function groupBy(items, key) {
    const groups = new Map();
    for (const item of items) {
        const k = key(item);
        const group = groups.get(k);
        if (group)
            group.push(item);
        else
            groups.set(k, [item]);
    }
    return groups;
}

// EXTERNAL MODULE: ./src/evaluate/scorers.ts + 6 modules
var evaluate_scorers = __webpack_require__(85292);
// EXTERNAL MODULE: ./src/modes/evaluate-external.ts + 5 modules
var evaluate_external = __webpack_require__(13381);
// EXTERNAL MODULE: ./src/modes/paths.ts
var paths = __webpack_require__(20924);
// EXTERNAL MODULE: ./src/modes/versions.ts
var versions = __webpack_require__(67763);
// EXTERNAL MODULE: ./src/gate/decision-record.ts
var decision_record = __webpack_require__(68171);
;// CONCATENATED MODULE: ./src/modes/merge.ts










/**
 * Combines the shards of a matrix evaluation (`evaluate` with `shard: i/n`) into the version's
 * summary.json and results.jsonl, where gate looks by default. Refuses, before writing anything,
 * shards of different versions, datasets or shard counts, a missing or duplicated shard, and a
 * results file that is not the one its summary describes. Metrics are recomputed from the rows,
 * so they are exact over the whole set. No endpoint is needed; with an MLflow registry the merged
 * evaluation is recorded there (as evaluate records an unsharded one).
 */
async function merge(ctx, inputs) {
    const { loaded, logger } = ctx;
    const config = loaded.config.evaluate;
    if (!config)
        throw new errors/* ConfigError */.xL(`${loaded.file}: merge mode needs the evaluate section the shards were evaluated with (its scorers say which metrics are pass/fail)`);
    if (config.runner !== 'dataset' || !config.scorers)
        throw new errors/* ConfigError */.xL(`${loaded.file}: merge combines the shards of evaluate.runner: dataset; runner ${config.runner} is not sharded`);
    const scorers = config.scorers.map(evaluate_scorers/* createScorer */.fd);
    const duplicate = (0,evaluate_scorers/* uniqueScorerNames */.ur)(scorers);
    if (duplicate)
        throw new errors/* ConfigError */.xL(`${loaded.file}: evaluate.scorers: two scorers are named "${duplicate}"; give one a different name`);
    const model = loaded.config.model.name;
    const version = (0,versions/* requireVersionInput */.EX)('merge', inputs);
    // Recording tags the version: check it exists before anything is written or recorded.
    if (ctx.tracking)
        await (0,versions/* requireVersion */.eU)(ctx.registry, model, version);
    const dir = (0,paths/* versionDir */.E)(loaded, version);
    const summaryFile = external_node_path_default().join(dir, 'summary.json');
    const resultsFile = external_node_path_default().join(dir, 'results.jsonl');
    const show = (file) => (0,paths/* shown */.S)(loaded, file);
    const roots = (inputs.shardsPath ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((p) => external_node_path_default().resolve(loaded.workdir, p));
    // By default the shards' own folders (<version>/shard-i-of-n/), as evaluate writes them; the
    // merged summary.json there is this mode's output, never an input.
    const files = await findShardSummaries(roots.length ? roots : [dir], new Set([summaryFile]), show);
    const shards = checkShards(await readShards(files, show), { model, version }, show);
    await checkResultDigests(shards, show);
    const first = shards[0].summary;
    const base = {
        mode: 'merge',
        dryRun: ctx.dryRun,
        model,
        version,
        dataset: { name: first.dataset.name, path: first.dataset.source ?? null, digest: first.dataset.digest, rows: first.dataset.rows },
        shards: shards.map(({ summary: { shard, errors }, summaryFile: file, resultsFile: results }) => ({
            index: shard.index,
            count: shard.count,
            rows: shard.rows,
            errors,
            summaryPath: show(file),
            resultsPath: show(results),
        })),
        summaryPath: show(summaryFile),
        resultsPath: show(resultsFile),
        runId: null,
    };
    const title = `merge ${shards.length} shards of ${model} v${version}: ${first.dataset.rows} examples of ${first.dataset.name}`;
    if (ctx.dryRun) {
        const { aggregate } = await logger.group(title, () => combineResults(shards, scorers, null, show));
        logger.info(`dry run: would write ${base.summaryPath}, ${base.resultsPath}`);
        return { ...base, metrics: aggregate.metrics(), errors: aggregate.errors };
    }
    await (0,fs_async/* mkdir */.Ck)(dir, { recursive: true });
    // As in evaluate: a merge that stops half-way must not leave a results file that looks whole.
    const partial = `${resultsFile}.partial`;
    const { aggregate } = await logger.group(title, async () => {
        try {
            return await combineResults(shards, scorers, partial, show);
        }
        catch (error) {
            await (0,fs_async.rm)(partial, { force: true });
            throw error;
        }
    });
    await (0,decision_record/* withdrawForNewEvaluation */.cG)(ctx, model, version);
    await (0,fs_async/* rename */.$w)(partial, resultsFile);
    const metrics = aggregate.metrics();
    const summary = {
        schema: contract_summary/* summarySchemaId */.dK,
        model: { name: model, version },
        dataset: { ...first.dataset },
        metrics,
        errors: aggregate.errors,
        run_id: null,
        created_at: new Date(ctx.clock.now()).toISOString(),
        merged_from: shards.map((s) => ({ index: s.summary.shard.index, rows: s.summary.shard.rows, results_digest: s.summary.shard.results_digest })),
    };
    await (0,fs_async/* writeFile */._h)(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
    const runId = await (0,evaluate_external/* recordEvaluation */.ix)(ctx, summary, summaryFile, resultsFile, { runner: 'dataset', shards: String(shards.length) });
    return { ...base, runId, metrics, errors: aggregate.errors };
}


/***/ })

} })
