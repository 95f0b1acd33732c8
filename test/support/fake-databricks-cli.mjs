#!/usr/bin/env node
/**
 * A FAKE `databricks` CLI for tests: the real one needs a workspace. It implements the part of the
 * Databricks CLI's bundle contract the databricks-app target uses (databricks/cli cmd/bundle):
 * `--version`; `bundle validate|deploy|run <key>|summary` with -t/--target, --var (a list flag whose
 * value is a line of CSV), --output json and --auto-approve; databricks.yml found in the working
 * directory; variables from defaults, target overrides, BUNDLE_VAR_<name> and --var (in rising
 * precedence); ${var.<name>} resolved in resources.apps; the CLI's error texts for an unknown
 * target, an undefined variable, a variable without a value, missing credentials; exit code 1 on
 * any error. "Deployed" and "running" app configs are kept in a state file so a test can read what
 * the app would run with (MLFLOW_ACTIVE_MODEL_ID).
 *
 * Scripted by environment variables:
 *   FAKE_DATABRICKS_LOG      JSON-lines file: one record per call {argv, cwd, env, credentials}
 *                            (env holds BUNDLE_VAR_* and DATABRICKS_HOST only; credentials the NAMES of secrets set)
 *   FAKE_DATABRICKS_STATE    JSON file with the deployed and running app configs
 *   FAKE_DATABRICKS_VERSION  what --version reports (default 0.250.0); "legacy" mimics the Python CLI
 *   FAKE_DATABRICKS_FAIL     "deploy:1,run:2": verb:exit code to fail with, after the message below
 *   FAKE_DATABRICKS_STDERR   the message a failing verb prints (default: a generic error)
 *   FAKE_DATABRICKS_LEAK     "1": a failing verb also prints the token, as a debug dump would
 *   FAKE_DATABRICKS_HANG     a verb that never finishes (for timeouts)
 *   FAKE_DATABRICKS_QUIET_RUN "1": `bundle run` does not print the app's address
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const env = process.env;
const argv = process.argv.slice(2);
const secretName = /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL|PRIVATE/i;

class CliError extends Error {}

function record() {
  if (!env.FAKE_DATABRICKS_LOG) return;
  const shown = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('BUNDLE_VAR_') || k === 'DATABRICKS_HOST'));
  const credentials = Object.keys(env).filter((k) => k.startsWith('DATABRICKS_') && secretName.test(k)).sort();
  appendFileSync(env.FAKE_DATABRICKS_LOG, JSON.stringify({ argv, cwd: process.cwd(), env: shown, credentials }) + '\n');
}

/** pflag's StringSlice: each value is read as one CSV record. */
function csvRecord(text) {
  const fields = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new CliError(`invalid argument "${text}" for "--var" flag: extraneous or missing " in quoted-field`);
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else value += text[i++];
      }
      i++;
      fields.push(value);
    } else {
      const end = text.indexOf(',', i);
      const value = text.slice(i, end < 0 ? text.length : end);
      if (value.includes('"')) throw new CliError(`invalid argument "${text}" for "--var" flag: bare " in non-quoted-field`);
      fields.push(value);
      i = end < 0 ? text.length : end;
    }
    if (text[i] !== ',') break;
    i++;
  }
  return fields;
}

function parseArgs(words) {
  const call = { positional: [], vars: [], target: undefined, output: 'text', autoApprove: false };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = () => inline ?? words[++i];
    if (flag === '--var') call.vars.push(...csvRecord(value()));
    else if (flag === '-t' || flag === '--target') call.target = value();
    else if (flag === '-o' || flag === '--output') call.output = value();
    else if (flag === '--auto-approve') call.autoApprove = true;
    else if (flag.startsWith('-')) throw new CliError(`unknown flag: ${flag}`);
    else call.positional.push(word);
  }
  return call;
}

function loadBundle(call) {
  const file = path.join(process.cwd(), 'databricks.yml');
  if (!existsSync(file)) throw new CliError('unable to locate bundle root: databricks.yml not found');
  const bundle = parseYaml(readFileSync(file, 'utf8')) ?? {};
  const targets = Object.keys(bundle.targets ?? {});
  const target = call.target ?? targets.find((t) => bundle.targets[t]?.default) ?? targets[0] ?? 'default';
  if (targets.length && !targets.includes(target)) throw new CliError(`${target}: no such target. Available targets: ${targets.join(', ')}`);
  if (!env.DATABRICKS_HOST || !(env.DATABRICKS_TOKEN || (env.DATABRICKS_CLIENT_ID && env.DATABRICKS_CLIENT_SECRET))) {
    throw new CliError('cannot resolve bundle auth configuration: default auth: cannot configure default credentials, please check https://docs.databricks.com/en/dev-tools/auth.html#databricks-client-unified-authentication to configure credentials for your preferred authentication method');
  }
  const declared = bundle.variables ?? {};
  const values = {};
  for (const [name, spec] of Object.entries(declared)) if (spec?.default !== undefined) values[name] = String(spec.default);
  for (const [name, value] of Object.entries(bundle.targets?.[target]?.variables ?? {})) values[name] = String(value);
  for (const name of Object.keys(declared)) if (env[`BUNDLE_VAR_${name}`] !== undefined) values[name] = env[`BUNDLE_VAR_${name}`];
  for (const assignment of call.vars) {
    const at = assignment.indexOf('=');
    if (at < 0) throw new CliError(`unexpected flag value for variable assignment: ${assignment}`);
    const name = assignment.slice(0, at);
    if (!(name in declared)) throw new CliError(`variable ${name} has not been defined`);
    values[name] = assignment.slice(at + 1);
  }
  for (const name of Object.keys(declared)) {
    if (values[name] === undefined) {
      throw new CliError(`no value assigned to required variable ${name}. Assignment can be done using "--var", by setting the BUNDLE_VAR_${name} environment variable, or in .databricks/bundle/${target}/variable-overrides.json file`);
    }
  }
  const resolve = (node) =>
    typeof node === 'string' ? node.replace(/\$\{var\.([\w-]+)\}/g, (_, name) => values[name] ?? `\${var.${name}}`) : Array.isArray(node) ? node.map(resolve) : node && typeof node === 'object' ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)])) : node;
  return { name: bundle.bundle?.name ?? 'bundle', target, values, apps: resolve(bundle.resources?.apps ?? {}) };
}

const stateFile = () => env.FAKE_DATABRICKS_STATE ?? path.join(process.cwd(), '.fake-databricks-state.json');
const readState = () => (existsSync(stateFile()) ? JSON.parse(readFileSync(stateFile(), 'utf8')) : { deployed: {}, running: {} });
const writeState = (state) => writeFileSync(stateFile(), JSON.stringify(state, null, 2));
const host = () => (env.DATABRICKS_HOST ?? '').replace(/\/$/, '');

function scriptedFailure(verb) {
  const rule = (env.FAKE_DATABRICKS_FAIL ?? '').split(',').map((r) => r.split(':')).find(([v]) => v === verb);
  if (!rule) return;
  process.stderr.write(`${env.FAKE_DATABRICKS_STDERR ?? `Error: ${verb} failed`}\n`);
  if (env.FAKE_DATABRICKS_LEAK === '1') process.stderr.write(`> GET /api/2.0/apps\n> Authorization: Bearer ${env.DATABRICKS_TOKEN}\n`);
  process.exit(Number(rule[1] ?? 1));
}

async function main() {
  record();
  if (argv[0] === '--version' || argv[0] === 'version') {
    scriptedFailure('version');
    const version = env.FAKE_DATABRICKS_VERSION ?? '0.250.0';
    process.stdout.write(version === 'legacy' ? 'Version 0.18.0\n' : `Databricks CLI v${version}\n`);
    return;
  }
  if (argv[0] !== 'bundle') throw new CliError(`unknown command "${argv[0]}" for "databricks"`);
  const call = parseArgs(argv.slice(1));
  const [verb, ...rest] = call.positional;
  if (env.FAKE_DATABRICKS_HANG === verb) await new Promise(() => setInterval(() => undefined, 1000));
  const bundle = loadBundle(call);
  scriptedFailure(verb);
  const state = readState();
  switch (verb) {
    case 'validate':
      process.stdout.write(`Name: ${bundle.name}\nTarget: ${bundle.target}\n\nValidation OK!\n`);
      return;
    case 'deploy':
      state.deployed[bundle.target] = bundle.apps;
      writeState(state);
      process.stderr.write(`Uploading bundle files to /Workspace/Users/ci/.bundle/${bundle.name}/${bundle.target}/files...\nDeploying resources...\nDeployment complete!\n`);
      return;
    case 'run': {
      const [key] = rest;
      if (!key || !(key in bundle.apps)) throw new CliError(`resource with key "${key}" not found`);
      const name = bundle.apps[key].name ?? key;
      if (!state.deployed[bundle.target]?.[key]) throw new CliError(`App with name ${name} does not exist or is deleted.`);
      state.running[bundle.target] = { key, name, config: bundle.apps[key].config ?? {}, autoApprove: call.autoApprove };
      writeState(state);
      // Like the CLI's cmdio.LogString: progress goes to stderr. FAKE_DATABRICKS_QUIET_RUN drops the address line.
      process.stderr.write(`✓ Getting the status of the app ${name}\n✓ Deployment succeeded\n`);
      if (env.FAKE_DATABRICKS_QUIET_RUN !== '1') process.stderr.write(`You can access the app at https://${name}-1234567890.aws.databricksapps.com\n`);
      return;
    }
    case 'summary': {
      const apps = Object.fromEntries(Object.entries(bundle.apps).map(([key, app]) => {
        const deployed = Boolean(state.deployed[bundle.target]?.[key]);
        return [key, { ...app, ...(deployed ? { id: app.name, url: `${host()}/apps/${app.name}` } : { modified_status: 'created' }) }];
      }));
      const summary = { bundle: { name: bundle.name, target: bundle.target }, variables: Object.fromEntries(Object.entries(bundle.values).map(([k, v]) => [k, { value: v }])), resources: { apps } };
      process.stdout.write(call.output === 'json' ? JSON.stringify(summary, null, 2) + '\n' : `Name: ${bundle.name}\nTarget: ${bundle.target}\n`);
      return;
    }
    default:
      throw new CliError(`unknown command "${verb}" for "databricks bundle"`);
  }
}

main().catch((error) => {
  if (!(error instanceof CliError)) throw error;
  process.stderr.write(`Error: ${error.message}\n`);
  process.exit(1);
});
