'use strict';
({ id: 933, ids: [933], modules: {

/***/ 53933:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createTarget: () => (/* binding */ createTarget)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(99373);
// EXTERNAL MODULE: ./src/process.ts
var process = __webpack_require__(34006);
// EXTERNAL MODULE: ./src/deploy/command-line.ts
var command_line = __webpack_require__(96001);
;// CONCATENATED MODULE: ./src/deploy/command-target.ts





/**
 * The user's own commands (kubectl, helm, a script). The command line is split like a shell
 * would but not run through one, so values in the environment cannot inject commands; use
 * `bash -c '...'` for pipes. Versions reach the command through AGENT_RELEASE_* variables.
 * A multi-step rollout runs `deploy` for its first step and `set_traffic` for the later ones
 * (AGENT_RELEASE_STEP / AGENT_RELEASE_STEPS are set for multi-step rollouts only).
 * Each command runs under `command.timeout`; deploy and set_traffic also stop on the run's
 * cancellation, rollback does not (it must finish).
 */
class CommandTarget {
    commands;
    workdir;
    baseEnv;
    logger;
    clock;
    kind = 'command';
    constructor(commands, workdir, baseEnv, logger, clock = src_clock/* systemClock */.m) {
        this.commands = commands;
        this.workdir = workdir;
        this.baseEnv = baseEnv;
        this.logger = logger;
        this.clock = clock;
    }
    describeDeploy(request) {
        return `run \`${this.commandFor(request).line}\` with ${envText(deployEnv(request))}`;
    }
    describeRollback(request) {
        return `run \`${this.commands.rollback}\` with ${envText(rollbackEnv(request))}`;
    }
    async deploy(request) {
        const command = this.commandFor(request);
        await this.run(command.step, command.line, deployEnv(request), request.signal);
        return { endpointUrl: null, deploymentId: `${request.model}/${request.version}@${request.environment}` };
    }
    async rollback(request) {
        await this.run('rollback', this.commands.rollback, rollbackEnv(request), undefined);
    }
    /** Later steps only move traffic; without set_traffic, deploy is run again (it must then be idempotent). */
    commandFor(request) {
        const later = request.step !== undefined && request.step.index > 1;
        return later && this.commands.set_traffic ? { step: 'set_traffic', line: this.commands.set_traffic } : { step: 'deploy', line: this.commands.deploy };
    }
    async run(step, commandLine, extra, signal) {
        const env = {};
        for (const [key, value] of Object.entries(this.baseEnv))
            if (value !== undefined)
                env[key] = value;
        Object.assign(env, extra);
        const cwd = external_node_path_default().resolve(this.workdir, this.commands.cwd ?? '.');
        const named = `${step} command \`${commandLine}\``;
        if (signal?.aborted)
            throw new errors/* RemoteError */.Hi(`${named} was not started: the run was cancelled (${(0,errors/* messageOf */.bD)(signal.reason)})`);
        let words;
        try {
            words = (0,command_line/* splitCommandLine */.a)(commandLine);
        }
        catch (error) {
            throw new errors/* ConfigError */.xL(`deploy.command.${step}: ${(0,errors/* messageOf */.bD)(error)}; close the quote`);
        }
        const [program = '', ...args] = words;
        const timeoutMs = this.commands.timeout;
        const outcome = await (0,process/* supervise */.z)({
            program,
            args,
            cwd,
            env,
            timeoutMs,
            graceMs: process/* defaultGraceMs */.U,
            clock: this.clock,
            ...(signal ? { signal } : {}),
            onLine: (line) => this.logger.info(`  [${step}] ${line}`),
            onStop: (why) => this.logger.warn({
                timeout: `${named}: timed out after ${minutes(timeoutMs)} (deploy.command.timeout); sending SIGTERM`,
                cancelled: `${named}: the run was cancelled; sending SIGTERM`,
                'grace-expired': `${named}: still running ${process/* defaultGraceMs */.U / 1000} s after SIGTERM; sending SIGKILL`,
                'left-running': `${named}: exited but left processes running; sending them SIGTERM`,
            }[why]),
        });
        switch (outcome.kind) {
            case 'not-started':
                throw new errors/* RemoteError */.Hi(`${named} could not start in ${cwd}: ${outcome.reason}${outcome.notFound ? `; check that ${program} is installed and on PATH, or that ${cwd} exists` : ''}`);
            case 'timeout':
                throw new errors/* RemoteError */.Hi(`${named} did not finish within ${minutes(timeoutMs)} and was stopped (${outcome.stoppedWith}); raise deploy.command.timeout if it needs longer (its output is in the log above)`);
            case 'cancelled':
                throw new errors/* RemoteError */.Hi(`${named} was stopped (${outcome.stoppedWith}) because the run was cancelled: ${(0,errors/* messageOf */.bD)(outcome.reason)}`);
            case 'exited':
                if (outcome.code !== 0)
                    throw new errors/* RemoteError */.Hi(`${named} ${outcome.code === null ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`} (its output is in the log above)`);
        }
    }
}
function deployEnv(request) {
    return {
        AGENT_RELEASE_MODEL: request.model,
        AGENT_RELEASE_VERSION: request.version,
        AGENT_RELEASE_PREVIOUS_VERSION: request.previousVersion ?? '',
        AGENT_RELEASE_TRAFFIC: String(request.traffic),
        AGENT_RELEASE_ENVIRONMENT: request.environment,
        ...(request.step && request.step.count > 1 ? { AGENT_RELEASE_STEP: String(request.step.index), AGENT_RELEASE_STEPS: String(request.step.count) } : {}),
    };
}
function rollbackEnv(request) {
    return {
        AGENT_RELEASE_MODEL: request.model,
        AGENT_RELEASE_VERSION: request.restoreVersion ?? '',
        AGENT_RELEASE_PREVIOUS_VERSION: request.fromVersion,
        AGENT_RELEASE_TRAFFIC: '100',
        AGENT_RELEASE_ENVIRONMENT: request.environment,
    };
}
function envText(env) {
    return Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
}
function minutes(ms) {
    return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./src/config/app-schema.ts
var app_schema = __webpack_require__(49153);
// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(53595);
// EXTERNAL MODULE: ./src/config/interpolate.ts
var interpolate = __webpack_require__(72757);
;// CONCATENATED MODULE: ./src/deploy/databricks-app.ts
/**
 * The `databricks-app` target: a Databricks App deployed with an Asset Bundle through the
 * Databricks CLI: `bundle validate`, `bundle deploy`, then `bundle run <app>`, which starts the
 * app's compute if needed and deploys its source with the bundle's resolved app config.
 *
 * The released version and its logged model id reach the bundle as `--var` on every call, `run`
 * included: `run` resolves the app config (its `env`, where the bundle sets
 * MLFLOW_ACTIVE_MODEL_ID: ${var.model_id}) again, and without the vars it would deploy the defaults.
 *
 * An app serves one version: no traffic split, so canary and blue-green are refused up front.
 */







/** The first CLI whose bundles know `resources.apps` (the bundle-examples app template requires it). */
const minimumCliVersion = '0.239.0';
const loggedModelSource = /^models:\/(m-[0-9a-z]+)\/?$/i;
const snapshotState = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({ version: schemas/* string */.YjP().nullable(), modelId: schemas/* string */.YjP().nullable(), source: schemas/* literal */.euz('previous-version') }));
const summaryJson = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    resources: schemas/* object */.Ikc({ apps: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({ name: schemas/* string */.YjP().optional(), id: schemas/* string */.YjP().optional(), url: schemas/* string */.YjP().optional() }).loose()).optional() }).loose().optional(),
}).loose());
/** The logged model a version was registered from: its `models:/m-<id>` source, else the configured tag. */
function loggedModelId(version, tag) {
    const fromSource = loggedModelSource.exec(version.source.trim());
    if (fromSource)
        return fromSource[1];
    const fromTag = version.tags[tag]?.trim();
    return fromTag ? fromTag : null;
}
class DatabricksAppTarget {
    options;
    kind = 'databricks-app';
    config;
    bundleDir;
    constructor(options) {
        this.options = options;
        this.config = options.config;
        this.bundleDir = external_node_path_default().resolve(options.workdir, options.config.bundle_dir);
    }
    describeDeploy(request) {
        return this.steps(request.version, `<logged model id of version ${request.version}>`).map((s) => this.show(s.args)).join(' && ');
    }
    describeRollback(request) {
        const version = this.restoreTarget(request).version;
        if (version === null)
            return `nothing to redeploy: ${request.model} had no version before ${request.fromVersion} on this app`;
        return this.steps(version, `<logged model id of version ${version}>`).slice(1).map((s) => this.show(s.args)).join(' && ');
    }
    async preflight(request) {
        const problems = [];
        const checks = [];
        const strategy = trafficProblem(request);
        if (strategy)
            problems.push(strategy);
        const cli = await this.checkCliVersion();
        if (!cli.ok)
            return { problems: [...problems, cli.problem], checks };
        checks.push(cli.check);
        let modelId = null;
        try {
            modelId = await this.modelIdOf(request.model, request.version);
            checks.push(modelId === null ? `${request.model} version ${request.version} is deployed without a model id (variables.model_id is null)` : `${request.model} version ${request.version} links traces to logged model ${modelId}`);
        }
        catch (error) {
            problems.push((0,errors/* messageOf */.bD)(error));
        }
        const validate = this.steps(request.version, modelId ?? 'unknown')[0];
        if (validate) {
            const outcome = await this.call(validate.args, 'validate');
            if (outcome.kind === 'exited' && outcome.code === 0)
                checks.push(`${this.show(validate.args)} passed`);
            else
                problems.push(this.failure(validate.args, outcome, 'validate the bundle'));
        }
        return { problems, checks };
    }
    async planChange(request) {
        const modelId = await this.modelIdOf(request.model, request.version);
        const target = `bundle target ${this.config.target}, app ${this.config.resource}`;
        return [`${target}: deploy ${request.model} version ${request.version}${modelId ? ` (MLFLOW_ACTIVE_MODEL_ID ${modelId})` : ''}, replacing ${request.previousVersion === null ? 'nothing (first release)' : `version ${request.previousVersion}`}`, ...this.steps(request.version, modelId ?? '').map((s) => this.show(s.args))];
    }
    /**
     * `bundle summary` cannot say which version an app runs (it resolves variables from its own
     * invocation, not from the deployed state), so the snapshot is the version agent-release knows
     * the app was given last: the previous version, with its model id resolved now, while the
     * registry answers.
     */
    async snapshot(request) {
        let modelId = null;
        if (request.previousVersion !== null) {
            // Without it, a rollback resolves the id again then, and fails there if the registry still cannot say.
            modelId = await this.modelIdOf(request.model, request.previousVersion).catch((error) => {
                this.options.logger.warn(`deploy.databricks-app: the snapshot has no model id for version ${request.previousVersion}: ${(0,errors/* messageOf */.bD)(error)}`);
                return null;
            });
        }
        const state = { version: request.previousVersion, modelId, source: 'previous-version' };
        return { kind: this.kind, takenAt: new Date(this.options.clock.now()).toISOString(), state };
    }
    async deploy(request) {
        const refused = trafficProblem(request);
        if (refused)
            throw new errors/* RefusedError */.fk(refused);
        const modelId = await this.modelIdOf(request.model, request.version);
        const lastOutput = await this.runSteps(this.steps(request.version, modelId ?? ''), `${request.model} version ${request.version}`, request.signal);
        // `bundle run` ends with the app's own address; the summary only knows its workspace page.
        const printed = /You can access the app at (https:\/\/\S+)/.exec(lastOutput)?.[1];
        return { endpointUrl: printed ?? (await this.appPageUrl(request.version, modelId ?? '')), deploymentId: `${this.config.resource}@${this.config.target}/v${request.version}` };
    }
    async rollback(request) {
        const { version, modelId: fromSnapshot } = this.restoreTarget(request);
        if (version === null) {
            throw new errors/* RefusedError */.fk(`cannot roll back app ${this.config.resource} (bundle target ${this.config.target}) from ${request.model} version ${request.fromVersion}: no earlier version was released to it, and an app cannot serve nothing; stop it with \`databricks apps stop <app name>\` or deploy a known good version with agent-release deploy`);
        }
        const modelId = fromSnapshot ?? (await this.modelIdOf(request.model, version));
        // validate is skipped: a rollback should not be held up by a check the release already passed.
        await this.runSteps(this.steps(version, modelId ?? '').slice(1), `rollback of ${request.model} to version ${version}`);
    }
    restoreTarget(request) {
        if (request.snapshot?.kind === this.kind) {
            const parsed = snapshotState.safeParse(request.snapshot.state);
            if (parsed.success)
                return parsed.data;
            this.options.logger.warn(`deploy.databricks-app: ignoring a snapshot this version cannot read (${parsed.error.issues[0]?.message}); rolling back to version ${request.restoreVersion ?? 'none'}`);
        }
        return { version: request.restoreVersion, modelId: null };
    }
    steps(version, modelId) {
        const { target, resource, variables, auto_approve } = this.config;
        const vars = [varFlag(variables.version, version), ...(variables.model_id === null ? [] : [varFlag(variables.model_id, modelId)])];
        return [
            { verb: 'validate', args: ['bundle', 'validate', '--target', target, ...vars] },
            { verb: 'deploy', args: ['bundle', 'deploy', '--target', target, ...vars, ...(auto_approve ? ['--auto-approve'] : [])] },
            { verb: 'run', args: ['bundle', 'run', resource, '--target', target, ...vars] },
        ];
    }
    /** Runs the steps in order, stopping at the first failure; returns the last step's output. */
    /** `signal` for a deploy (a cancelled job stops the CLI's process group); a rollback runs to its end. */
    async runSteps(steps, what, signal) {
        return this.options.logger.group(`deploy.databricks-app: ${what} to app ${this.config.resource} (bundle target ${this.config.target})`, async () => {
            let output = '';
            for (const step of steps) {
                const outcome = await this.call(step.args, step.verb, true, signal);
                if (outcome.kind !== 'exited' || outcome.code !== 0)
                    throw new errors/* RemoteError */.Hi(this.failure(step.args, outcome, `${step.verb} ${what}`));
                output = `${outcome.stdout}\n${outcome.stderrTail.join('\n')}`;
            }
            return output;
        });
    }
    async modelIdOf(model, version) {
        if (this.config.variables.model_id === null)
            return null;
        const found = await this.options.registry.getVersion(model, version);
        if (!found)
            throw new errors/* RefusedError */.fk(`${model} has no version ${version} in the registry; nothing to deploy to app ${this.config.resource}`);
        const id = loggedModelId(found, this.config.model_id_tag);
        if (id !== null)
            return id;
        throw new errors/* RefusedError */.fk(`cannot link production traces of ${model} version ${version} to its logged model: its source ${JSON.stringify(found.source)} is not models:/m-<id> and it has no "${this.config.model_id_tag}" tag; register the version from a logged model (MLflow 3), tag it with the logged model id (deploy.app.model_id_tag), or set deploy.app.variables.model_id: null to deploy without the link`);
    }
    async checkCliVersion() {
        const outcome = await this.call(['--version'], 'version');
        if (outcome.kind !== 'exited' || outcome.code !== 0)
            return { ok: false, problem: this.failure(['--version'], outcome, 'find the Databricks CLI') };
        const text = outcome.stdout.trim();
        const found = /Databricks CLI v(\d+)\.(\d+)\.(\d+)/.exec(text);
        if (!found) {
            return { ok: false, problem: `${this.config.cli} --version printed ${JSON.stringify(text.slice(0, 80))}, not "Databricks CLI v<version>": this looks like the legacy Python databricks-cli, which has no bundles; install the Databricks CLI ${minimumCliVersion} or later (https://docs.databricks.com/dev-tools/cli/install.html) or point deploy.app.cli at it` };
        }
        const version = found.slice(1, 4).map(Number);
        const minimum = minimumCliVersion.split('.').map(Number);
        const older = version.findIndex((part, i) => part !== minimum[i]);
        if (older >= 0 && version[older] < minimum[older]) {
            return { ok: false, problem: `the Databricks CLI is v${version.join('.')}, older than ${minimumCliVersion}, the first whose bundles deploy apps; upgrade it (e.g. databricks/setup-cli in the workflow)` };
        }
        return { ok: true, check: `Databricks CLI v${version.join('.')} (${minimumCliVersion} or later)` };
    }
    /** The app's workspace page from `bundle summary`; a summary that fails costs the URL, not the deploy. */
    async appPageUrl(version, modelId) {
        const { target, resource, variables } = this.config;
        const args = ['bundle', 'summary', '--target', target, '--output', 'json', varFlag(variables.version, version), ...(variables.model_id === null ? [] : [varFlag(variables.model_id, modelId)])];
        const outcome = await this.call(args, 'summary', false);
        if (outcome.kind === 'exited' && outcome.code === 0) {
            try {
                const parsed = summaryJson.safeParse(JSON.parse(outcome.stdout));
                const url = parsed.success ? parsed.data.resources?.apps?.[resource]?.url : undefined;
                if (url)
                    return url;
            }
            catch {
                // Reported below like any other unreadable summary.
            }
        }
        this.options.logger.warn(`deploy.databricks-app: the app was deployed, but ${this.show(args)} did not give its URL; the deployment has no endpoint-url`);
        return null;
    }
    async call(args, verb, echo = true, signal) {
        const { logger } = this.options;
        logger.info(`$ ${this.show(args)}`);
        return (0,process/* supervise */.z)({
            program: this.config.cli,
            args,
            cwd: this.bundleDir,
            env: this.childEnv(),
            timeoutMs: this.config.timeout,
            graceMs: this.options.graceMs,
            clock: this.options.clock,
            signal,
            onLine: (line, stream) => {
                if (echo || stream === 'stderr')
                    logger.info(`  [${verb}] ${this.mask(line)}`);
            },
        });
    }
    childEnv() {
        const env = {};
        for (const [key, value] of Object.entries(this.options.env))
            if (value !== undefined)
                env[key] = value;
        for (const [name, value] of Object.entries(this.config.extra_variables))
            env[`BUNDLE_VAR_${name}`] = value;
        return env;
    }
    failure(args, outcome, attempt) {
        const command = this.show(args);
        if (outcome.kind === 'not-started') {
            const hint = outcome.notFound ? `; install the Databricks CLI ${minimumCliVersion} or later (databricks/setup-cli in a workflow) or set deploy.app.cli to its path` : '';
            return `could not ${attempt}: ${command} did not start in ${this.bundleDir}: ${this.mask(outcome.reason)}${hint}`;
        }
        const how = outcome.kind === 'timeout'
            ? `did not finish within ${this.config.timeout} ms and was stopped (${outcome.stoppedWith}); raise deploy.app.timeout if the app needs longer`
            : outcome.kind === 'cancelled'
                ? `was stopped (${outcome.stoppedWith}) because the run was cancelled`
                : outcome.signal
                    ? `was killed by ${outcome.signal}`
                    : `exited with code ${outcome.code}`;
        const tail = outcome.stderrTail.length ? `; the CLI's last lines:\n  ${outcome.stderrTail.map((line) => this.mask(line)).join('\n  ')}` : '; it printed nothing on stderr';
        return `could not ${attempt}: ${command} (in ${this.bundleDir}) ${how}${tail}${hintFor(outcome.stderrTail.join('\n'))}`;
    }
    show(args) {
        return this.mask([this.config.cli, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '));
    }
    mask(text) {
        const fromEnv = Object.entries(this.options.env).filter(([key, value]) => (0,interpolate/* looksSecret */.n0)(key) && value !== undefined).map(([, value]) => value);
        const secrets = [...fromEnv, ...(this.options.secrets ?? [])].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
        return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
    }
}
function trafficProblem(request) {
    if (request.traffic >= 100)
        return null;
    return `${(0,app_schema/* appStrategyProblem */.M)(request.traffic === 0 ? 'blue-green' : 'canary')} (asked to serve ${request.model} version ${request.version} at ${request.traffic}% of traffic)`;
}
/**
 * One `--var` flag. The CLI reads --var as a list flag whose value is a line of CSV, so a value
 * with a comma or a quote is quoted CSV-style, or it would be split into two assignments.
 */
function varFlag(name, value) {
    const pair = `${name}=${value}`;
    return /[",\r\n]/.test(pair) || /^\s/.test(pair) ? `--var="${pair.replace(/"/g, '""')}"` : `--var=${pair}`;
}
function hintFor(stderr) {
    if (/auto-approve/.test(stderr))
        return '\nThe deploy would delete or recreate resources and needs approval: review the change, then set deploy.app.auto_approve: true if it is intended.';
    if (/has not been defined/.test(stderr))
        return '\nDeclare the variable under `variables:` in databricks.yml (agent-release passes deploy.app.variables and extra_variables to it).';
    if (/no value assigned to required variable/.test(stderr))
        return '\nGive the variable a default in databricks.yml or a value under the target, or set it in deploy.app.extra_variables.';
    if (/deployment lock/i.test(stderr))
        return '\nAnother deploy of this bundle target holds the lock; wait for it to finish, and only if it is dead run `databricks bundle deploy --force-lock` by hand.';
    if (/default auth|cannot configure default credentials|authenticat/i.test(stderr))
        return '\nThe CLI found no usable credentials: set DATABRICKS_HOST and DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET) for this step.';
    return '';
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/databricks/api.ts
var api = __webpack_require__(45878);
// EXTERNAL MODULE: ./src/databricks/files.ts
var files = __webpack_require__(94937);
// EXTERNAL MODULE: ./src/databricks/job-wait.ts
var job_wait = __webpack_require__(48235);
// EXTERNAL MODULE: ./src/databricks/ai-gateway.ts
var ai_gateway = __webpack_require__(96673);
;// CONCATENATED MODULE: ./src/databricks/serving.ts







/**
 * Databricks Model Serving endpoints (`/api/2.0/serving-endpoints`), checked against the
 * Databricks SDK's `serving` service (databricks-sdk-py `service/serving.py`, databricks-sdk-go
 * `service/serving/model.go`):
 *
 * - Only `served_entities` (`entity_name`, `entity_version`) and routes keyed by
 *   `served_entity_name` are ever sent; the legacy `served_models` is read but never written.
 * - Every field of a response is optional in the SDKs (ServingEndpointDetailed: even `name` and
 *   `state`; their waiters read only `name`), so nothing is required here: an answer without
 *   `name` is the endpoint asked for, and one without `state` says nothing about readiness (a
 *   wait keeps polling until it does).
 * - Enum-like fields stay strings: both SDKs list five deployment states (DEPLOYMENT_CREATING,
 *   _RECOVERING, _READY, _FAILED, _ABORTED), and workload sizes / types keep growing, so an
 *   unknown value is carried, not refused.
 * - A served entity sent back (a kept stable entity, a restored snapshot) carries exactly the
 *   fields of the SDK's ServedEntityInput, taken from the GET output by that schema (output-only
 *   fields such as `creator`, `state`, `foundation_model` drop out because the input schema does
 *   not have them). What GET shows of sizing and of external-model keys cannot always be sent
 *   back as read: see `toEntityInput` and `unsendableCredentials`.
 * - A missing endpoint is 404 (RESOURCE_DOES_NOT_EXIST in the SDK's error mapping).
 *   ASSUMED (update in progress): a PUT while another update is IN_PROGRESS is refused with 409
 *   RESOURCE_CONFLICT (public client code catches the SDK's ResourceConflict there); no source
 *   gives the status for certain, so a 400 whose message says the endpoint is being updated
 *   counts too (`isUpdateInProgress`).
 *   ASSUMED (agent switch): the agent / non-agent refusal's text ("Agent endpoint cannot be
 *   updated to serve non-agent models") is as users report it; its status and error_code are
 *   not documented, so any 4xx with that text counts (`isAgentSwitchRefusal`).
 */
const knownWorkloadSizes = (/* unused pure expression or super */ null && (['Small', 'Medium', 'Large']));
/**
 * An external model (the SDK's ExternalModel): `provider`, `name`, `task` and one
 * `<provider>_config` whose fields pass through as given.
 */
const externalModelSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* looseObject */._H3({ provider: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP().optional(), task: schemas/* string */.YjP().optional() }));
/**
 * The SDK's ServedEntityInput, field for field. Not loose: parsing a GET output with it keeps
 * exactly what a PUT may carry. A field the SDK adds later is dropped until it is listed here.
 */
const servedEntityInputSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    name: schemas/* string */.YjP().optional(),
    entity_name: schemas/* string */.YjP().optional(),
    entity_version: schemas/* string */.YjP().optional(),
    external_model: externalModelSchema.optional(),
    workload_size: schemas/* string */.YjP().optional(),
    workload_type: schemas/* string */.YjP().optional(),
    scale_to_zero_enabled: schemas/* boolean */.zMY().optional(),
    environment_vars: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional(),
    instance_profile_arn: schemas/* string */.YjP().optional(),
    min_provisioned_concurrency: schemas/* number */.aig().int().optional(),
    max_provisioned_concurrency: schemas/* number */.aig().int().optional(),
    min_provisioned_throughput: schemas/* number */.aig().int().optional(),
    max_provisioned_throughput: schemas/* number */.aig().int().optional(),
    provisioned_model_units: schemas/* number */.aig().int().optional(),
    burst_scaling_enabled: schemas/* boolean */.zMY().optional(),
}));
const servedEntityStateSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* looseObject */._H3({ deployment: schemas/* string */.YjP().optional(), deployment_state_message: schemas/* string */.YjP().optional() }));
/** The SDK's ServedEntityOutput: the input fields plus what the server adds (kept loose, so nothing read is lost). */
const servedEntityOutputSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* looseObject */._H3({
    ...servedEntityInputSchema.unwrap().shape,
    creation_timestamp: schemas/* number */.aig().optional(),
    creator: schemas/* string */.YjP().optional(),
    state: servedEntityStateSchema.optional(),
}));
const routeSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* looseObject */._H3({
    served_entity_name: schemas/* string */.YjP().optional(),
    /** Legacy key; responses may carry it next to served_entity_name. */
    served_model_name: schemas/* string */.YjP().optional(),
    traffic_percentage: schemas/* number */.aig().int(),
}));
const trafficConfigSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* looseObject */._H3({ routes: schemas/* array */.YOg(routeSchema).optional() }));
/**
 * Legacy inference tables (the SDK's AutoCaptureConfigInput, deprecated in favour of the AI
 * Gateway's but still served). ASSUMED: a PUT /config without it turns payload logging off, so
 * whatever the endpoint has is sent back with every change.
 */
const autoCaptureConfigInputSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    catalog_name: schemas/* string */.YjP().optional(),
    schema_name: schemas/* string */.YjP().optional(),
    table_name_prefix: schemas/* string */.YjP().optional(),
    enabled: schemas/* boolean */.zMY().optional(),
}));
/** The body of PUT /config and `config` of a create: the config without `config_version`. */
const endpointConfigInputSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    served_entities: schemas/* array */.YOg(servedEntityInputSchema),
    traffic_config: trafficConfigSchema.optional(),
    auto_capture_config: autoCaptureConfigInputSchema.optional(),
}));
const endpointConfigOutputSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* looseObject */._H3({
    config_version: schemas/* number */.aig().int().optional(),
    start_time: schemas/* number */.aig().optional(),
    served_entities: schemas/* array */.YOg(servedEntityOutputSchema).optional(),
    served_models: schemas/* array */.YOg(schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())).optional(),
    traffic_config: trafficConfigSchema.optional(),
    /** AutoCaptureConfigOutput: the input fields plus `state`. */
    auto_capture_config: schemas/* looseObject */._H3(autoCaptureConfigInputSchema.unwrap().shape).optional(),
}));
/**
 * The AI Gateway settings an agent endpoint takes. The SDK (ServingEndpoint.ai_gateway): "agent
 * endpoints currently only support inference tables".
 */
const agentGatewaySettings = ['inference_table_config'];
/**
 * ASSUMED: an endpoint serving an agent reports a `task` starting with `agent/` (public client
 * code reads agent/v1/chat, agent/v2/chat, agent/v1/responses); the SDK documents `task` only as
 * "the task type of the serving endpoint".
 */
function isAgentEndpoint(endpoint) {
    return typeof endpoint.task === 'string' && endpoint.task.startsWith('agent/');
}
const endpointTagSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({ key: schemas/* string */.YjP(), value: schemas/* string */.YjP().optional() }));
const endpointStateSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* looseObject */._H3({ ready: schemas/* string */.YjP().optional(), config_update: schemas/* string */.YjP().optional() }));
const servingEndpointWireSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* looseObject */._H3({
    name: schemas/* string */.YjP().optional(),
    id: schemas/* string */.YjP().optional(),
    creator: schemas/* string */.YjP().optional(),
    creation_timestamp: schemas/* number */.aig().optional(),
    last_updated_timestamp: schemas/* number */.aig().optional(),
    task: schemas/* string */.YjP().optional(),
    endpoint_url: schemas/* string */.YjP().optional(),
    route_optimized: schemas/* boolean */.zMY().optional(),
    state: endpointStateSchema.optional(),
    config: endpointConfigOutputSchema.optional(),
    pending_config: endpointConfigOutputSchema.optional(),
    ai_gateway: ai_gateway/* aiGatewaySchema */.U.optional(),
    tags: schemas/* array */.YOg(endpointTagSchema).optional(),
}));
/** Endpoint names: alphanumerics, `-` and `_`, 1\u201363 characters. */
function checkEndpointName(name) {
    if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
        throw new errors/* InputError */.dz(`serving endpoint name ${JSON.stringify(name)} is not valid: use 1-63 letters, digits, "-" or "_" (deploy.endpoint)`);
    }
    return name;
}
/** The update was refused because the endpoint would switch between agent and non-agent models (ASSUMED: matched by text). */
function isAgentSwitchRefusal(error) {
    return error instanceof files/* DatabricksApiError */.Ny && error.status !== undefined && error.status < 500 && /cannot be updated to serve (non-)?agent models/i.test(error.serverMessage);
}
/** The update was refused because another one is IN_PROGRESS (ASSUMED: 409, or a 400 that says so). */
function isUpdateInProgress(error) {
    if (!(error instanceof files/* DatabricksApiError */.Ny))
        return false;
    if (error.status === 409)
        return error.errorCode !== 'RESOURCE_ALREADY_EXISTS';
    return error.status === 400 && /\b(currently|already) being updated\b|\bupdate (is )?(already )?in progress\b/i.test(error.serverMessage);
}
/**
 * Where each provider config of an external model keeps its credential as a Databricks secret
 * reference (`{{secrets/scope/key}}`); each also has a `<field>_plaintext` twin, which GET leaves
 * out. Alternatives of one provider are listed together: any one of them will do.
 */
const externalCredentialFields = {
    ai21labs_config: ['ai21labs_api_key'],
    amazon_bedrock_config: ['aws_access_key_id', 'aws_secret_access_key', 'instance_profile_arn'],
    anthropic_config: ['anthropic_api_key'],
    cohere_config: ['cohere_api_key'],
    custom_provider_config: ['api_key_auth.value', 'bearer_token_auth.token'],
    databricks_model_serving_config: ['databricks_api_token'],
    google_cloud_vertex_ai_config: ['private_key'],
    openai_config: ['openai_api_key', 'microsoft_entra_client_secret'],
    palm_config: ['palm_api_key'],
};
/**
 * Why `entity` (as read back) cannot be sent again without losing its external model's
 * credentials, or undefined when it can. GET leaves out every `*_plaintext` secret, and the SDK
 * requires one credential field on input, so an external model created with a plaintext key
 * would be PUT back with none. Its secret reference, though, GET returns (it is a name, not the
 * secret), and it can be sent back as is.
 */
function unsendableCredentials(entity) {
    const external = entity.external_model;
    if (!external)
        return undefined;
    for (const [configKey, fields] of Object.entries(externalCredentialFields)) {
        const config = external[configKey];
        if (config === undefined || config === null || typeof config !== 'object')
            continue;
        const present = (field) => {
            const value = field.split('.').reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), config);
            const plain = field.split('.').reduce((v, k, i, all) => (v && typeof v === 'object' ? v[i === all.length - 1 ? `${k}_plaintext` : k] : undefined), config);
            return (typeof value === 'string' && value !== '') || (typeof plain === 'string' && plain !== '');
        };
        if (fields.some(present))
            continue;
        const name = entity.name ?? external.name ?? 'an external model';
        return `served entity ${name} is an external model (${external.provider ?? configKey.replace(/_config$/, '')}) whose credential was given as plaintext (${fields.filter((f) => f !== 'instance_profile_arn').map((f) => `${f}_plaintext`).join(' / ')}); the serving API never returns plaintext secrets, so it cannot be sent back. Store the key in a Databricks secret and set ${configKey}.${fields[0]} to "{{secrets/<scope>/<key>}}" on the endpoint, then deploy again`;
    }
    return undefined;
}
/**
 * A served entity as a PUT takes it: exactly the ServedEntityInput fields of what GET returned.
 * Sizing: the server fills in `workload_size` when none was sent, and the SDK says not to send
 * it with min/max provisioned concurrency, so an entity read with both goes back with the
 * concurrency bounds only (the finer of the two; ASSUMED to be what it was created with).
 */
function toEntityInput(entity) {
    const input = servedEntityInputSchema.parse(entity);
    if (input.min_provisioned_concurrency !== undefined || input.max_provisioned_concurrency !== undefined) {
        const { workload_size: _filledIn, ...sized } = input;
        return sized;
    }
    return input;
}
/** The config an endpoint serves (or is moving to), in the shape a PUT takes. */
function configInputOf(config) {
    if (!config?.served_entities?.length)
        return undefined;
    const served_entities = config.served_entities.map(toEntityInput);
    const routes = config.traffic_config?.routes?.map((r) => ({ served_entity_name: r.served_entity_name ?? r.served_model_name, traffic_percentage: r.traffic_percentage }));
    const capture = config.auto_capture_config ? autoCaptureConfigInputSchema.parse(config.auto_capture_config) : undefined;
    return { served_entities, ...(routes ? { traffic_config: { routes } } : {}), ...(capture ? { auto_capture_config: capture } : {}) };
}
/** True when `actual` serves the same entities (name, model, version) with the same routes and the same legacy inference table. */
function sameServing(actual, wanted) {
    if (!actual)
        return false;
    const key = (c) => JSON.stringify([
        c.served_entities.map((e) => [e.name, e.entity_name, e.entity_version]).sort(),
        (c.traffic_config?.routes ?? []).map((r) => [r.served_entity_name, r.traffic_percentage]).sort(),
        c.auto_capture_config ? Object.entries(c.auto_capture_config).sort() : null,
    ]);
    return key(actual) === key(wanted);
}
/** How long replaceEndpoint waits for a deleted endpoint to disappear. */
const deletionTimeoutMs = 5 * 60_000;
class DatabricksServingClient {
    options;
    logger;
    api;
    constructor(options, logger) {
        this.options = options;
        this.logger = logger;
        this.api = new api/* DatabricksApi */.LP(options, 'databricks.serving');
    }
    get host() {
        return this.api.host;
    }
    /** The endpoint, or undefined when there is none of that name. */
    async getEndpoint(name) {
        const what = `read serving endpoint ${name}`;
        try {
            return this.parseEndpoint(what, await this.api.call({ what, method: 'GET', path: endpointPath(name), idempotent: true, hints: this.hints(name, 'CAN VIEW') }), name);
        }
        catch (error) {
            if ((0,files/* isNotFound */.c4)(error))
                return undefined;
            throw error;
        }
    }
    /**
     * Creates the endpoint. Not idempotent: when the answer is lost, the endpoint is read back and
     * returned if it exists with the entities asked for, rather than creating it twice.
     */
    async createEndpoint(request) {
        const name = checkEndpointName(request.name);
        const what = `create serving endpoint ${name}`;
        const json = { name, config: request.config };
        if (request.aiGateway)
            json.ai_gateway = request.aiGateway;
        if (request.tags)
            json.tags = request.tags;
        if (request.description)
            json.description = request.description;
        try {
            const res = await this.api.call({
                what,
                method: 'POST',
                path: '/api/2.0/serving-endpoints',
                json,
                idempotent: false,
                hints: { ...this.hints(name, 'permission to create serving endpoints'), 409: `an endpoint named ${name} exists (perhaps still being deleted); wait and retry, or pick another deploy.endpoint` },
            });
            return this.parseEndpoint(what, res, name);
        }
        catch (error) {
            if (!(error instanceof files/* DatabricksApiError */.Ny && error.outcomeUnknown))
                throw error;
            const existing = await this.getEndpoint(name);
            const wanted = request.config.served_entities.map((e) => e.name).sort().join(',');
            const found = (existing?.pending_config ?? existing?.config)?.served_entities?.map((e) => e.name).sort().join(',');
            if (existing && found === wanted)
                return existing;
            throw error;
        }
    }
    /** PUT /config: the full desired config (every entity that keeps serving, routes summing to 100). */
    async updateConfig(name, config) {
        const what = `update config of serving endpoint ${name}`;
        const res = await this.api.call({ what, method: 'PUT', path: `${endpointPath(name)}/config`, json: config, idempotent: true, hints: this.hints(name, 'CAN MANAGE') });
        return this.parseEndpoint(what, res, name);
    }
    /** Deletes the endpoint; true when it was there. */
    async deleteEndpoint(name) {
        const what = `delete serving endpoint ${name}`;
        try {
            await this.api.call({ what, method: 'DELETE', path: endpointPath(name), idempotent: true, hints: this.hints(name, 'CAN MANAGE') });
            return true;
        }
        catch (error) {
            if ((0,files/* isNotFound */.c4)(error))
                return false;
            throw error;
        }
    }
    /**
     * PATCH /tags `{add_tags, delete_tags}` -> `{tags}` (the SDK's EndpointTags): adds or overwrites
     * `add`, removes the keys in `remove`, leaves every other tag alone. Idempotent.
     */
    async patchTags(name, add, remove) {
        const what = `update the tags of serving endpoint ${name}`;
        const json = { ...(add.length ? { add_tags: add } : {}), ...(remove.length ? { delete_tags: remove } : {}) };
        const res = await this.api.call({ what, method: 'PATCH', path: `${endpointPath(name)}/tags`, json, idempotent: true, hints: this.hints(name, 'CAN MANAGE') });
        return this.api.parse(what, res, schemas/* object */.Ikc({ tags: schemas/* array */.YOg(endpointTagSchema).optional() })).tags ?? [];
    }
    /**
     * ASSUMED (empty gateway): PUT /ai-gateway replaces the whole gateway config, so `{}` turns
     * every setting off; no source says so. A restore that clears the gateway sends `{}`.
     */
    async putAiGateway(name, gateway) {
        const what = `update AI Gateway of serving endpoint ${name}`;
        const res = await this.api.call({ what, method: 'PUT', path: `${endpointPath(name)}/ai-gateway`, json: gateway, idempotent: true, hints: this.hints(name, 'CAN MANAGE') });
        return this.api.parse(what, res, ai_gateway/* aiGatewaySchema */.U);
    }
    /**
     * Deletes and recreates the endpoint: the only way past the agent / non-agent refusal. The
     * endpoint serves nothing in between, so this says so loudly; the caller snapshots first.
     */
    async replaceEndpoint(request, reason) {
        this.logger?.warn(`serving endpoint ${request.name}: ${reason}; deleting and recreating it (it serves no traffic until the new endpoint is READY)`);
        await this.deleteEndpoint(request.name);
        // Deletion may finish after DELETE answers; creating the name too early is refused as a duplicate.
        const deadline = this.options.clock.now() + deletionTimeoutMs;
        for (let n = 0; (await this.getEndpoint(request.name)) !== undefined; n++) {
            const left = deadline - this.options.clock.now();
            if (left <= 0)
                throw new errors/* RemoteError */.Hi(`serving endpoint ${request.name} was deleted but still exists after ${deletionTimeoutMs / 60_000} min; recreate it once it is gone (deploy again)`);
            await this.options.clock.sleep(Math.min((0,job_wait/* pollDelay */.xf)(n, 2_000, 15_000, this.options.random ?? Math.random), left));
        }
        return this.createEndpoint(request);
    }
    parseEndpoint(what, res, name) {
        const endpoint = this.api.parse(what, res, servingEndpointWireSchema);
        return { ...endpoint, name: endpoint.name ?? name, state: endpoint.state ?? {} };
    }
    /** Where the endpoint is queried (no /api/2.0 prefix); route-optimized endpoints have their own `endpoint_url`. */
    invocationsUrl(endpoint) {
        if (typeof endpoint !== 'string' && endpoint.endpoint_url)
            return endpoint.endpoint_url;
        const name = typeof endpoint === 'string' ? endpoint : endpoint.name;
        return `${this.host}/serving-endpoints/${encodeURIComponent(name)}/invocations`;
    }
    /** Queries one served entity directly, bypassing the traffic split (probing stable vs candidate). */
    servedEntityInvocationsUrl(endpoint, servedEntity) {
        return `${this.host}/serving-endpoints/${encodeURIComponent(endpoint)}/served-models/${encodeURIComponent(servedEntity)}/invocations`;
    }
    hints(name, permission) {
        return { 403: `${this.api.credentialsDescription} needs ${permission} on serving endpoint ${name}` };
    }
}
function endpointPath(name) {
    return `/api/2.0/serving-endpoints/${encodeURIComponent(name)}`;
}

;// CONCATENATED MODULE: ./src/databricks/serving-wait.ts



const defaultServingPollInitialMs = 2_000;
const defaultServingPollMaxMs = 30_000;
/** The endpoint's update ended UPDATE_FAILED or UPDATE_CANCELED. */
class ServingUpdateFailedError extends errors/* RemoteError */.Hi {
    endpoint;
    constructor(message, endpoint) {
        super(message);
        this.endpoint = endpoint;
    }
}
class ServingWaitTimeoutError extends errors/* RemoteError */.Hi {
    endpoint;
    constructor(message, endpoint) {
        super(message);
        this.endpoint = endpoint;
    }
}
/** "READY, IN_PROGRESS to config 4" */
function describeState(endpoint) {
    if (endpoint.state.ready === undefined && endpoint.state.config_update === undefined)
        return 'no state reported';
    const update = endpoint.state.config_update ?? 'NOT_UPDATING';
    const target = endpoint.pending_config?.config_version;
    return `${endpoint.state.ready ?? 'NOT_READY'}, ${update}${update === 'IN_PROGRESS' && target !== undefined ? ` to config ${target}` : ''}`;
}
/** What the entities that are not ready say about themselves, one clause each; undefined when none says anything. */
function entityMessages(endpoint) {
    const entities = [...(endpoint.pending_config?.served_entities ?? []), ...(endpoint.config?.served_entities ?? [])];
    const said = entities
        .filter((e) => e.state?.deployment_state_message && e.state.deployment !== 'DEPLOYMENT_READY')
        .map((e) => `${e.name ?? e.entity_name}: ${e.state?.deployment ?? 'UNKNOWN'}: ${e.state?.deployment_state_message}`);
    return [...new Set(said)].join('; ') || undefined;
}
/**
 * Polls until the endpoint is READY and no update is in progress; with `targetConfigVersion`
 * (from the PUT's `pending_config`), until that config is the one serving.
 */
async function waitForEndpointReady(client, name, options) {
    return poll(client, name, options, (endpoint) => {
        const update = endpoint.state.config_update;
        if (update === 'UPDATE_FAILED' || update === 'UPDATE_CANCELED') {
            const verb = update === 'UPDATE_FAILED' ? 'failed' : 'was canceled';
            throw new ServingUpdateFailedError(`the update of serving endpoint ${name} ${verb}: ${entityMessages(endpoint) ?? 'the endpoint gave no reason (see its Events tab in the Serving UI)'}. ` +
                `${endpoint.state.ready === 'READY' ? 'The previous config keeps serving' : 'The endpoint is not serving'}; fix the cause before releasing it again`, endpoint);
        }
        const served = endpoint.config?.config_version ?? 0;
        return endpoint.state.ready === 'READY' && update !== 'IN_PROGRESS' && (options.targetConfigVersion === undefined || served >= options.targetConfigVersion);
    });
}
/** Polls until no update is in progress, whatever its outcome (someone else's update is not ours to judge). */
async function waitUntilNotUpdating(client, name, options) {
    return poll(client, name, options, (endpoint) => endpoint.state.config_update !== 'IN_PROGRESS');
}
/**
 * PUTs the config, waiting out an update already in flight instead of fighting it: the API
 * refuses a PUT during IN_PROGRESS (409), so on that refusal this waits until the other update
 * ends and tries again, unless the endpoint already serves what we wanted (our own earlier PUT
 * whose answer was lost). Returns the endpoint as the accepted PUT answered it.
 */
async function updateConfigWhenIdle(client, name, config, options) {
    const deadline = options.clock.now() + options.timeoutMs;
    for (;;) {
        try {
            return await client.updateConfig(name, config);
        }
        catch (error) {
            if (!isUpdateInProgress(error))
                throw error;
            const left = deadline - options.clock.now();
            if (left <= 0)
                throw error;
            const current = await client.getEndpoint(name);
            const started = current?.pending_config?.start_time;
            options.logger.info(`serving endpoint ${name} is already being updated${current?.pending_config?.config_version !== undefined ? ` (to config ${current.pending_config.config_version}${started ? `, started ${new Date(started).toISOString()}` : ''})` : ''}; waiting for that update to finish before applying ours`);
            const settled = await waitUntilNotUpdating(client, name, { ...options, timeoutMs: left });
            if (sameServing(configInputOf(settled.config), config) && settled.state.config_update === 'NOT_UPDATING')
                return settled;
        }
    }
}
async function poll(client, name, options, done) {
    const { clock, logger } = options;
    const initial = options.pollInitialMs ?? defaultServingPollInitialMs;
    const max = options.pollMaxMs ?? defaultServingPollMaxMs;
    const random = options.random ?? Math.random;
    const startedAt = clock.now();
    const deadline = startedAt + options.timeoutMs;
    let last = '';
    for (let n = 0;; n++) {
        const endpoint = await client.getEndpoint(name);
        if (!endpoint)
            throw new errors/* RemoteError */.Hi(`serving endpoint ${name} disappeared while waiting for it (deleted by someone else?); deploy again to recreate it`);
        const state = describeState(endpoint);
        if (state !== last)
            logger.info(`serving endpoint ${name}: ${state}`);
        last = state;
        if (done(endpoint))
            return endpoint;
        const left = deadline - clock.now();
        if (left <= 0) {
            const detail = entityMessages(endpoint);
            throw new ServingWaitTimeoutError(`serving endpoint ${name} is still ${state} after ${formatDuration(clock.now() - startedAt)}${detail ? ` (${detail})` : ''}; ` +
                'nothing was rolled back by the wait itself. Raise deploy.ready_timeout if the model needs longer to load, or check the endpoint in the Serving UI', endpoint);
        }
        // The last poll lands on the deadline, so an endpoint that turns READY just in time is seen.
        await clock.sleep(Math.min((0,job_wait/* pollDelay */.xf)(n, initial, max, random), left), options.signal);
    }
}
function formatDuration(ms) {
    return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

;// CONCATENATED MODULE: ./src/deploy/databricks-serving-preflight.ts




const credentialVariables = 'set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc), for the workspace in DATABRICKS_HOST';
/**
 * Everything deploy needs, checked with reads only and reported all at once: the credentials
 * (one authenticated GET of the endpoint), the version in the registry (exists, READY), the
 * endpoint idle, and the caller's permission on it. `permission_level` is the SDK's "permission
 * level of the principal making the request" on ServingEndpointDetailed (CAN_MANAGE | CAN_QUERY |
 * CAN_VIEW in the Go, Java and JS SDKs), so it costs no extra call. That a config update needs
 * CAN_MANAGE is not stated in a source checked here, but it is the only level above querying, so a
 * lower one is a problem; an absent field is a check marked assumed. Whether
 * the caller may create endpoints cannot be read beforehand, so a missing endpoint is a check.
 */
async function servingPreflight(request, deps) {
    const { client, registry, config } = deps;
    const name = config.endpoint;
    const problems = [];
    const checks = [];
    const [read, version] = await Promise.allSettled([client.getEndpoint(name), registry.getVersion(request.model, request.version)]);
    let current;
    if (read.status === 'rejected') {
        const error = read.reason;
        if (error instanceof files/* DatabricksApiError */.Ny && error.status === 401) {
            problems.push(`Databricks credentials were rejected by ${client.host} (${error.what}: ${error.errorCode}: ${error.serverMessage}); ${credentialVariables}`);
        }
        else
            problems.push((0,errors/* messageOf */.bD)(error));
    }
    else if (read.value === undefined) {
        checks.push(`serving endpoint ${name} does not exist yet; deploy creates it (the permission to create endpoints cannot be checked beforehand)`);
        const unsupported = agentUnsupported(config);
        if (unsupported.length)
            checks.push(`deploy.serving.ai_gateway sets ${unsupported.join(', ')}, which an agent endpoint does not support (only ${agentGatewaySettings.join(', ')}); if ${request.model} is an agent, applying the gateway will fail after the endpoint is READY`);
    }
    else {
        current = read.value;
        checks.push(`credentials accepted by ${client.host}`);
        endpointChecks(current, config, problems, checks);
    }
    if (version.status === 'rejected') {
        problems.push(`could not read ${request.model} version ${request.version} from the ${registry.kind} registry: ${(0,errors/* messageOf */.bD)(version.reason)}`);
    }
    else if (version.value === undefined) {
        problems.push(`${request.model} version ${request.version} does not exist in the ${registry.kind} registry; register it, or deploy a version that exists`);
    }
    else if (version.value.status !== 'READY') {
        const fix = version.value.status === 'PENDING_REGISTRATION' ? 'wait for its registration to finish and deploy again' : 'register the model again and deploy the new version';
        problems.push(`${request.model} version ${request.version} is ${version.value.status}, not READY, so the endpoint could not load it; ${fix}`);
    }
    else {
        checks.push(`${request.model} version ${request.version} is READY in the ${registry.kind} registry`);
    }
    try {
        const plan = deps.plan(current);
        checks.push(`traffic split is valid: ${(plan.config.traffic_config?.routes ?? []).map((r) => `${r.served_entity_name} ${r.traffic_percentage}%`).join(', ')}`);
    }
    catch (error) {
        problems.push((0,errors/* messageOf */.bD)(error));
    }
    return { problems, checks };
}
function endpointChecks(endpoint, config, problems, checks) {
    const name = endpoint.name;
    const level = typeof endpoint.permission_level === 'string' ? endpoint.permission_level : undefined;
    if (level === 'CAN_MANAGE')
        checks.push(`the credentials have CAN_MANAGE on serving endpoint ${name}`);
    else if (level !== undefined) {
        problems.push(`the credentials have ${level} on serving endpoint ${name}, but changing its config needs CAN_MANAGE; grant CAN MANAGE on the endpoint (Serving UI > Permissions) to the identity deploy runs as`);
    }
    else
        checks.push(`serving endpoint ${name} did not report the caller's permission level; CAN_MANAGE is assumed, not checked`);
    const update = endpoint.state.config_update;
    if (update === 'IN_PROGRESS') {
        const pending = endpoint.pending_config;
        const started = pending?.start_time !== undefined ? `, started ${new Date(pending.start_time).toISOString()}` : '';
        const what = `serving endpoint ${name} is being updated by another change (to config ${pending?.config_version ?? '?'}${started})`;
        if (config.wait_for_idle)
            checks.push(`${what}; deploy waits for it to finish (deploy.serving.wait_for_idle)`);
        else
            problems.push(`${what}; wait for it to finish, or set deploy.serving.wait_for_idle: true to let deploy wait`);
    }
    else if (update === 'UPDATE_FAILED' || update === 'UPDATE_CANCELED') {
        checks.push(`serving endpoint ${name}: its last update ended ${update}${entityMessages(endpoint) ? ` (${entityMessages(endpoint)})` : ''}; ${endpoint.state.ready === 'READY' ? 'the previous config serves, and deploy replaces the failed one' : 'it is not serving'}`);
    }
    else if (endpoint.state.ready === undefined && update === undefined) {
        checks.push(`serving endpoint ${name} reported no state; deploy waits until it reports READY`);
    }
    else {
        checks.push(`serving endpoint ${name} is ${endpoint.state.ready ?? 'NOT_READY'} and not being updated`);
    }
    const unsupported = agentUnsupported(config);
    if (isAgentEndpoint(endpoint) && unsupported.length) {
        problems.push(`serving endpoint ${name} serves an agent (task ${String(endpoint.task)}), and agent endpoints support only ${agentGatewaySettings.join(', ')} in the AI Gateway; deploy.serving.ai_gateway also sets ${unsupported.join(', ')}. Remove ${unsupported.length === 1 ? 'it' : 'them'} from deploy.serving.ai_gateway (apply rate limits or guardrails elsewhere)`);
    }
    // A rollback PUTs the snapshot back; an entity that cannot be sent back would be lost then.
    for (const entity of configInputOf(endpoint.config)?.served_entities ?? []) {
        const lost = unsendableCredentials(entity);
        if (lost)
            problems.push(`${lost} (until then a rollback could not restore serving endpoint ${name})`);
    }
}
/** The configured AI Gateway settings an agent endpoint does not take. */
function agentUnsupported(config) {
    return Object.keys(config.ai_gateway ?? {}).filter((key) => !agentGatewaySettings.includes(key));
}

;// CONCATENATED MODULE: ./src/deploy/serving-plan.ts





const servingSnapshotSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    schema: schemas/* literal */.euz('agent-release/serving-snapshot@1'),
    endpoint: schemas/* string */.YjP(),
    /**
     * Whether the endpoint existed before the change. Absent in snapshots written before it was
     * recorded: then a null config is ambiguous and rollback refuses rather than delete.
     */
    existed: schemas/* boolean */.zMY().optional(),
    /** The serving config before the change; null when the endpoint did not exist or served no entities we can read back. */
    config: endpointConfigInputSchema.nullable(),
    /** The AI Gateway settings before the change; absent when there were none (rollback clears them). */
    aiGateway: ai_gateway/* aiGatewaySchema */.U.optional(),
    /** The endpoint's tags before the change; absent in snapshots written before they were recorded (rollback then leaves tags alone). */
    tags: schemas/* array */.YOg(endpointTagSchema).optional(),
}));
function servedEntityName(entityName, version) {
    const base = (entityName.split('.').pop() ?? entityName).replace(/[^A-Za-z0-9_-]/g, '_');
    const suffix = `-${version}`;
    return `${base.slice(0, 63 - suffix.length)}${suffix}`;
}
function snapshotOf(name, endpoint) {
    return {
        schema: 'agent-release/serving-snapshot@1',
        endpoint: name,
        existed: endpoint !== undefined,
        config: endpoint ? (configInputOf(endpoint.config) ?? null) : null,
        ...(endpoint?.ai_gateway ? { aiGateway: endpoint.ai_gateway } : {}),
        ...(endpoint ? { tags: endpoint.tags ?? [] } : {}),
    };
}
/**
 * What rollback does with a snapshot: PUT its config back, delete an endpoint the rollout created,
 * or refuse when the endpoint existed but its config could not be recorded (still being created,
 * failed creation, legacy served_models): deleting it would destroy what the rollout did not make.
 */
function restorePlan(snapshot) {
    const lost = snapshot.config?.served_entities.map(unsendableCredentials).find((why) => why !== undefined);
    if (lost)
        return { action: 'refuse', reason: `${lost}. Restore the endpoint by hand in the Serving UI` };
    if (snapshot.config)
        return { action: 'put-config', config: snapshot.config };
    if (snapshot.existed === false)
        return { action: 'delete' };
    const why = snapshot.existed
        ? 'it existed before the rollout but had no served entities the snapshot could record (it was being created, had failed creation, or serves legacy served_models)'
        : 'the snapshot predates recording whether the endpoint existed, so it cannot tell a created endpoint from one that served nothing readable';
    return { action: 'refuse', reason: `${why}; deleting it could destroy what this release did not create. Restore it by hand in the Serving UI, or delete it there if the rollout created it` };
}
function planStep(input) {
    const percent = input.candidatePercent;
    if (!Number.isInteger(percent) || percent < 0 || percent > 100)
        throw new errors/* InputError */.dz(`candidate traffic must be a whole percentage from 0 to 100 (got ${percent})`);
    const notes = [];
    const serving = configInputOf(input.current?.config);
    const existing = serving?.served_entities ?? [];
    const entityFor = (version) => {
        const kept = existing.find((e) => e.entity_name === input.entityName && e.entity_version === version);
        const lost = kept && unsendableCredentials(kept);
        if (lost)
            throw new errors/* InputError */.dz(lost);
        // An entity already serving keeps its settings exactly (its input fields as read back); changing them would restart it.
        if (kept)
            return { ...kept, name: kept.name ?? servedEntityName(input.entityName, version) };
        return {
            name: servedEntityName(input.entityName, version),
            entity_name: input.entityName,
            entity_version: version,
            workload_size: input.workloadSize,
            scale_to_zero_enabled: input.scaleToZero,
            ...(input.workloadType ? { workload_type: input.workloadType } : {}),
        };
    };
    const candidate = entityFor(input.candidateVersion);
    const candidateName = candidate.name ?? servedEntityName(input.entityName, input.candidateVersion);
    let stable;
    if (input.stableVersion !== null && input.stableVersion !== input.candidateVersion && (percent < 100 || !input.retireStable))
        stable = entityFor(input.stableVersion);
    if (input.stableVersion === null && percent < 100)
        notes.push(`no stable version is serving, so ${candidateName} takes all traffic instead of ${percent}%`);
    const entities = stable ? [stable, candidate] : [candidate];
    const dropped = existing.filter((e) => !entities.some((kept) => kept.name === e.name)).map((e) => e.name ?? `${e.entity_name} v${e.entity_version}`);
    if (dropped.length > 0)
        notes.push(`removes served entit${dropped.length === 1 ? 'y' : 'ies'} ${dropped.join(', ')}`);
    const stableName = stable ? (stable.name ?? servedEntityName(input.entityName, input.stableVersion ?? '')) : null;
    const routes = stableName
        ? [
            { served_entity_name: stableName, traffic_percentage: 100 - percent },
            { served_entity_name: candidateName, traffic_percentage: percent },
        ]
        : [{ served_entity_name: candidateName, traffic_percentage: 100 }];
    // Legacy inference tables stay as they are: a PUT without them may turn payload logging off.
    const capture = serving?.auto_capture_config ? { auto_capture_config: serving.auto_capture_config } : {};
    return { config: { served_entities: entities, traffic_config: { routes }, ...capture }, candidateEntity: candidateName, stableEntity: stableName, notes };
}
/** A dry-run diff, one line per change: `+`/`-`/`~` served entities, then the traffic split. */
function describeChange(before, after) {
    const old = before?.served_entities ?? [];
    const next = after?.served_entities ?? [];
    const lines = [];
    for (const e of next) {
        const was = old.find((o) => o.name === e.name);
        if (!was)
            lines.push(`+ served entity ${describeEntity(e)}`);
        else {
            const [from, to] = [was, e];
            const changed = Object.keys({ ...from, ...to }).filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]));
            if (changed.length > 0)
                lines.push(`~ served entity ${e.name}: ${changed.map((k) => `${k} ${JSON.stringify(from[k])} -> ${JSON.stringify(to[k])}`).join(', ')}`);
        }
    }
    for (const o of old)
        if (!next.some((e) => e.name === o.name))
            lines.push(`- served entity ${describeEntity(o)}`);
    const split = (c) => new Map((c?.traffic_config?.routes ?? []).map((r) => [r.served_entity_name ?? '?', r.traffic_percentage]));
    const [from, to] = [split(before), split(after)];
    const names = [...new Set([...from.keys(), ...to.keys()])];
    const moves = names.filter((n) => from.get(n) !== to.get(n)).map((n) => `${n} ${from.get(n) ?? 0}% -> ${to.get(n) ?? 0}%`);
    if (moves.length > 0)
        lines.push(`traffic: ${moves.join(', ')}`);
    return lines.length > 0 ? lines : ['no change'];
}
function describeEntity(e) {
    const sizing = [e.workload_size, e.workload_type, e.scale_to_zero_enabled ? 'scale-to-zero' : undefined].filter(Boolean).join(', ');
    return `${e.name} (${e.entity_name} v${e.entity_version}${sizing ? `, ${sizing}` : ''})`;
}

;// CONCATENATED MODULE: ./src/deploy/databricks-serving.ts






const snapshotKind = 'databricks-serving';
const agentSwitchReason = 'the endpoint refused to switch between agent and non-agent models';
/** The target over a workspace connection (what the composition root calls). */
function createDatabricksServingTarget(config, connection, deps) {
    const client = new DatabricksServingClient({ host: connection.host, credentials: connection.credentials, clock: deps.clock, logger: deps.logger, random: deps.random }, deps.logger);
    return new DatabricksServingTarget(config, { ...deps, client });
}
/**
 * Databricks Model Serving. Each rollout step PUTs the whole config (stable and candidate
 * entities with their split) and waits until that config serves; re-running a step that already
 * holds makes no change. Endpoints that refuse the agent / non-agent switch are recreated.
 */
class DatabricksServingTarget {
    config;
    deps;
    kind = 'databricks-serving';
    client;
    endpoint;
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
        this.client = deps.client;
        this.endpoint = config.endpoint;
    }
    describeDeploy(request) {
        const entity = servedEntityName(this.entityName(request), request.version);
        const beside = request.previousVersion !== null && request.traffic < 100 ? ` beside ${servedEntityName(this.entityName(request), request.previousVersion)} at ${100 - request.traffic}%` : '';
        return `serve ${entity} at ${request.traffic}%${beside} on serving endpoint ${this.endpoint} (${this.client.host}), then wait up to ${databricks_serving_minutes(this.config.ready_timeout)} for READY`;
    }
    describeRollback(request) {
        if (request.snapshot)
            return `restore serving endpoint ${this.endpoint} to the config it had before the rollout`;
        if (request.restoreVersion === null)
            return `delete serving endpoint ${this.endpoint} if it serves nothing but ${request.model} v${request.fromVersion}`;
        return `serve ${servedEntityName(this.entityName(request), request.restoreVersion)} alone at 100% on serving endpoint ${this.endpoint}`;
    }
    async preflight(request) {
        return servingPreflight(request, { client: this.client, registry: this.deps.registry, config: this.config, plan: (current) => this.plan(request, current) });
    }
    async planChange(request) {
        const current = await this.client.getEndpoint(this.endpoint);
        const plan = this.plan(request, current);
        const lines = describeChange(configInputOf(current?.config), plan.config);
        const served = configInputOf(current?.config)?.served_entities ?? [];
        const notes = [...plan.notes];
        if (current && served.some((e) => e.entity_name !== this.entityName(request))) {
            notes.push(`the endpoint serves another model; if it refuses to switch between agent and non-agent models it is deleted and recreated (no traffic is served until READY)`);
        }
        if (this.config.ai_gateway && !gatewayHolds(current?.ai_gateway, this.config.ai_gateway))
            notes.push('AI Gateway settings are applied after the endpoint is READY');
        const have = new Map((current?.tags ?? []).map((t) => [t.key, t.value]));
        const retag = current ? (this.tags() ?? []).filter((t) => have.get(t.key) !== t.value || !have.has(t.key)) : [];
        if (retag.length)
            notes.push(`tags ${retag.map((t) => `${t.key}=${t.value ?? ''}`).join(', ')} are set (PATCH /tags; other tags stay)`);
        return [...(current ? [] : [`create serving endpoint ${this.endpoint}`]), ...lines, ...notes.map((n) => `note: ${n}`)];
    }
    async snapshot(_request) {
        const current = await this.client.getEndpoint(this.endpoint);
        return { kind: snapshotKind, takenAt: new Date(this.deps.clock.now()).toISOString(), state: snapshotOf(this.endpoint, current) };
    }
    async deploy(request) {
        const current = await this.client.getEndpoint(this.endpoint);
        const plan = this.plan(request, current);
        for (const note of plan.notes)
            this.deps.logger.info(`serving endpoint ${this.endpoint}: ${note}`);
        const served = await this.apply(current, plan.config, this.config.ai_gateway, this.tags(), request.signal);
        await this.syncTags(served, this.tags(), false);
        return this.receipt(served);
    }
    /** After a successful rollout: the stable entity, kept warm at 0% through the last step, is removed. */
    async finish(request) {
        const current = await this.client.getEndpoint(this.endpoint);
        const plan = this.plan({ ...request, traffic: 100 }, current, true);
        const entities = configInputOf(current?.config)?.served_entities ?? [];
        if (entities.length === plan.config.served_entities.length)
            return;
        this.deps.logger.info(`serving endpoint ${this.endpoint}: ${plan.notes.join('; ') || 'removing the previous version'}`);
        await this.apply(current, plan.config, undefined, undefined);
    }
    /**
     * With a snapshot: its config goes back exactly (or the endpoint is deleted when it did not
     * exist before). Without one: `restoreVersion` alone at 100%; with no version to restore either,
     * the endpoint is deleted only when it serves nothing but the withdrawn version, since anything
     * else on it was not put there by this release.
     */
    async rollback(request) {
        if (request.snapshot)
            return this.restore(this.parseSnapshot(request.snapshot));
        const current = await this.client.getEndpoint(this.endpoint);
        if (request.restoreVersion !== null) {
            const plan = this.plan({ model: request.model, version: request.restoreVersion, previousVersion: null, traffic: 100, environment: request.environment }, current);
            const served = await this.apply(current, plan.config, undefined, this.tags());
            await this.syncTags(served, this.tags(), false);
            return;
        }
        if (!current) {
            this.deps.logger.info(`serving endpoint ${this.endpoint} does not exist; nothing to roll back`);
            return;
        }
        const entities = configInputOf(current.pending_config ?? current.config)?.served_entities ?? [];
        const foreign = entities.filter((e) => e.entity_name !== this.entityName(request) || e.entity_version !== request.fromVersion);
        if (foreign.length > 0) {
            throw new errors/* RefusedError */.fk(`cannot roll back serving endpoint ${this.endpoint}: there is no previous version and no snapshot, and the endpoint also serves ${foreign.map((e) => e.name ?? `${e.entity_name} v${e.entity_version}`).join(', ')}, ` +
                'so deleting it would remove what this release did not create. Restore it by hand in the Serving UI, or roll back with a named version');
        }
        await this.client.deleteEndpoint(this.endpoint);
        this.deps.logger.info(`deleted serving endpoint ${this.endpoint}: it served only ${request.model} v${request.fromVersion}, which had no predecessor`);
    }
    async servedEntities(request) {
        const current = await this.client.getEndpoint(this.endpoint);
        const entities = configInputOf(current?.pending_config ?? current?.config)?.served_entities ?? [];
        const nameOf = (version) => entities.find((e) => e.entity_name === this.entityName(request) && e.entity_version === version)?.name;
        const entry = (name) => ({ name, url: this.client.servedEntityInvocationsUrl(this.endpoint, name) });
        const stable = request.previousVersion !== null && request.previousVersion !== request.version ? nameOf(request.previousVersion) : undefined;
        return { candidate: entry(nameOf(request.version) ?? servedEntityName(this.entityName(request), request.version)), stable: stable ? entry(stable) : null };
    }
    /** The step's config; the stable keeps serving only when the endpoint serves it now. */
    plan(request, current, retireStable = false) {
        const entityName = this.entityName(request);
        const served = configInputOf(current?.config)?.served_entities ?? [];
        const stableServed = request.previousVersion !== null && served.some((e) => e.entity_name === entityName && e.entity_version === request.previousVersion);
        const plan = planStep({
            current,
            entityName,
            stableVersion: stableServed ? request.previousVersion : null,
            candidateVersion: request.version,
            candidatePercent: request.traffic,
            workloadSize: this.config.workload_size,
            scaleToZero: this.config.scale_to_zero,
            workloadType: this.config.workload_type,
            retireStable,
        });
        const env = this.config.environment_vars;
        if (!env)
            return plan;
        // Only entities this step adds: one already serving keeps its variables, or it would restart.
        const served_entities = plan.config.served_entities.map((e) => (served.some((s) => s.name === e.name) ? e : { ...e, environment_vars: { ...env } }));
        return { ...plan, config: { ...plan.config, served_entities } };
    }
    /** Creates, updates or (agent switch) recreates the endpoint, then waits until `config` serves. */
    /** `signal` (deploy only; a rollback must finish) stops the waits, not a call already sent. */
    async apply(current, config, gateway, tags, signal) {
        const name = this.endpoint;
        let target;
        let settled;
        if (!current) {
            const created = await this.client.createEndpoint({ name, config, ...(gateway ? { aiGateway: gateway } : {}), ...(tags ? { tags } : {}) });
            this.deps.logger.info(`created serving endpoint ${name}`);
            target = created.pending_config?.config_version;
        }
        else if (sameServing(configInputOf(current.config), config) && current.state.config_update !== 'IN_PROGRESS') {
            this.deps.logger.info(`serving endpoint ${name} already serves ${describeRoutes(config)}; nothing to change`);
            // A failed later update leaves UPDATE_FAILED behind while this config keeps serving: that is done, not failed.
            if (current.state.ready === 'READY')
                settled = current;
        }
        else {
            try {
                target = (await updateConfigWhenIdle(this.client, name, config, this.waitOptions(signal))).pending_config?.config_version;
            }
            catch (error) {
                if (!isAgentSwitchRefusal(error))
                    throw error;
                const gatewayToKeep = gateway ?? current.ai_gateway;
                // The new endpoint keeps the old one's tags, with the configured ones on top.
                const tagsToKeep = mergeTags(current.tags ?? [], tags ?? []);
                const created = await this.client.replaceEndpoint({ name, config, ...(gatewayToKeep ? { aiGateway: gatewayToKeep } : {}), ...(tagsToKeep.length ? { tags: tagsToKeep } : {}) }, agentSwitchReason);
                target = created.pending_config?.config_version;
            }
        }
        let served = settled ?? await waitForEndpointReady(this.client, name, { ...this.waitOptions(signal), ...(target !== undefined ? { targetConfigVersion: target } : {}) });
        if (gateway && !gatewayHolds(served.ai_gateway, gateway)) {
            await this.client.putAiGateway(name, gateway);
            this.deps.logger.info(`serving endpoint ${name}: AI Gateway settings applied`);
            served = { ...served, ai_gateway: gateway };
        }
        return served;
    }
    async restore(snapshot) {
        const plan = restorePlan(snapshot);
        if (plan.action === 'refuse')
            throw new errors/* RefusedError */.fk(`cannot restore serving endpoint ${this.endpoint} from the rollout's snapshot: ${plan.reason}`);
        if (plan.action === 'delete') {
            const existed = await this.client.deleteEndpoint(this.endpoint);
            this.deps.logger.info(existed ? `deleted serving endpoint ${this.endpoint}: it did not exist before the rollout` : `serving endpoint ${this.endpoint} is already gone, as before the rollout`);
            return;
        }
        const current = await this.client.getEndpoint(this.endpoint);
        const served = await this.apply(current, plan.config, snapshot.aiGateway, snapshot.tags ?? this.tags());
        // Exactly the snapshot's tags (older snapshots did not record them: the configured ones are kept in step instead).
        await this.syncTags(served, snapshot.tags ?? this.tags(), snapshot.tags !== undefined);
        // Exactly the snapshot's gateway: settings the rollout added go, and none at all means none.
        const gateway = snapshot.aiGateway ?? {};
        if (!(0,external_node_util_.isDeepStrictEqual)(served.ai_gateway ?? {}, gateway)) {
            await this.client.putAiGateway(this.endpoint, gateway);
            this.deps.logger.info(`serving endpoint ${this.endpoint}: AI Gateway settings ${snapshot.aiGateway ? 'restored' : 'cleared, as before the rollout'}`);
        }
        this.deps.logger.info(`serving endpoint ${this.endpoint} restored to ${describeRoutes(plan.config)}`);
    }
    /**
     * Keeps the endpoint's tags in step with `wanted` through PATCH /tags: missing or different
     * values are set; with `exact`, tags not in `wanted` are removed too (a restore), otherwise
     * they are left alone (tags set by others, e.g. for billing, are not deploy's to remove).
     */
    async syncTags(endpoint, wanted, exact) {
        if (wanted === undefined)
            return;
        const have = new Map((endpoint.tags ?? []).map((t) => [t.key, t.value]));
        const add = wanted.filter((t) => !have.has(t.key) || have.get(t.key) !== t.value);
        const remove = exact ? [...have.keys()].filter((key) => !wanted.some((t) => t.key === key)) : [];
        if (add.length === 0 && remove.length === 0)
            return;
        await this.client.patchTags(this.endpoint, add, remove);
        const what = [add.length ? `set ${add.map((t) => t.key).join(', ')}` : '', remove.length ? `removed ${remove.join(', ')}` : ''].filter(Boolean).join('; ');
        this.deps.logger.info(`serving endpoint ${this.endpoint}: tags ${what}`);
    }
    parseSnapshot(snapshot) {
        const parsed = servingSnapshotSchema.safeParse(snapshot.state);
        if (snapshot.kind !== snapshotKind || !parsed.success) {
            const why = snapshot.kind !== snapshotKind ? `it was taken by the ${snapshot.kind} target` : `${parsed.error?.issues[0]?.path.join('.') || '(root)'}: ${parsed.error?.issues[0]?.message}`;
            throw new errors/* InputError */.dz(`the rollout's snapshot of serving endpoint ${this.endpoint} cannot be restored (${why}); restore the endpoint by hand or roll back without the snapshot`);
        }
        if (parsed.data.endpoint !== this.endpoint) {
            throw new errors/* InputError */.dz(`the rollout's snapshot is of serving endpoint ${parsed.data.endpoint}, not ${this.endpoint} (deploy.serving.endpoint changed since?); restore it by hand`);
        }
        return parsed.data;
    }
    receipt(endpoint) {
        return { endpointUrl: this.client.invocationsUrl(endpoint), deploymentId: `${this.endpoint}@config-${endpoint.config?.config_version ?? 0}` };
    }
    waitOptions(signal) {
        return { clock: this.deps.clock, logger: this.deps.logger, timeoutMs: this.config.ready_timeout, ...(this.deps.random ? { random: this.deps.random } : {}), ...(signal ? { signal } : {}) };
    }
    entityName(request) {
        return this.config.entity_name ?? request.model;
    }
    tags() {
        return this.config.tags ? Object.entries(this.config.tags).map(([key, value]) => ({ key, value })) : undefined;
    }
}
/** `base` with `over` on top, by key. */
function mergeTags(base, over) {
    return [...base.filter((t) => !over.some((o) => o.key === t.key)), ...over];
}
/** True when every configured gateway setting is already in place (the server may add defaults of its own). */
function gatewayHolds(actual, wanted) {
    return Object.entries(wanted).every(([key, value]) => (0,external_node_util_.isDeepStrictEqual)(actual?.[key], value));
}
function describeRoutes(config) {
    return (config.traffic_config?.routes ?? []).map((r) => `${r.served_entity_name} at ${r.traffic_percentage}%`).join(', ') || config.served_entities.map((e) => e.name).join(', ');
}
function databricks_serving_minutes(ms) {
    return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

;// CONCATENATED MODULE: ./src/deploy/targets.ts




/** The one place deploy targets are chosen. */
function createTarget(config, deps) {
    switch (config.target) {
        case 'command':
            if (!config.command)
                throw new errors/* ConfigError */.xL('deploy.command: the command target needs command.deploy and command.rollback');
            return new CommandTarget(config.command, deps.workdir, deps.env, deps.logger, deps.clock);
        case 'databricks-serving':
            if (!config.serving)
                throw new errors/* ConfigError */.xL('deploy.serving: the databricks-serving target needs serving.endpoint');
            return createDatabricksServingTarget(config.serving, workspace(deps, 'databricks-serving'), { registry: deps.registry, clock: deps.clock, logger: deps.logger });
        case 'databricks-app':
            if (!config.app)
                throw new errors/* ConfigError */.xL('deploy.app: the databricks-app target needs app.target and app.resource');
            return new DatabricksAppTarget({ config: config.app, workdir: deps.workdir, env: deps.env, registry: deps.registry, clock: deps.clock, logger: deps.logger });
    }
}
function workspace(deps, target) {
    try {
        return deps.databricks();
    }
    catch (error) {
        if (error instanceof errors/* ConfigError */.xL)
            throw new errors/* ConfigError */.xL(`deploy.target is ${target}, so it needs Databricks credentials: ${error.message}`);
        throw error;
    }
}


/***/ })

} })
