import { suggestion } from '../config/zod-helpers';
import { UsageError } from '../errors';
import { checkVersionNumber, noSuchVersion } from '../modes/versions';
import type { ModeContext } from '../modes/context';
import { table } from '../report/markdown';
import { reservedTagPrefix, tagKeys } from '../registry/tags';
import type { ModelVersion } from '../registry/types';
import { checkSourceForEndpoint } from './source-check';

export interface RegistryCommandOptions {
  source?: string;
  tags: string[];
  version?: string;
}

/** `registry register|show`: for the embedded registry, and handy against any registry. */
export async function registryCommand(subcommand: string | undefined, ctx: ModeContext, options: RegistryCommandOptions): Promise<{ text: string; json: unknown }> {
  const model = ctx.loaded.config.model.name;
  const { registry } = ctx;
  switch (subcommand) {
    case 'register': {
      if (options.version) throw new UsageError('--model-version is for registry show; registry register numbers the new version itself');
      if (!options.source) throw new UsageError('registry register needs --source URI (where the version is served or stored)');
      checkSourceForEndpoint(ctx.loaded, options.source, model);
      const given = new Map<string, string>();
      for (const [key, value] of options.tags.map(parseTag)) {
        if (given.has(key)) throw new UsageError(`--tag "${key}" is given twice; give each key once`);
        given.set(key, value);
      }
      const tags = Object.fromEntries(given);
      if (ctx.dryRun) return { text: `dry run: would register a new version of ${model} from ${options.source}`, json: { dryRun: true, model, source: options.source, tags } };
      const created = await registry.registerVersion(model, options.source, tags);
      return { text: `registered ${model} version ${created.version} (${created.source})`, json: created };
    }
    case 'show': {
      if (options.source || options.tags.length) throw new UsageError(`--${options.source ? 'source' : 'tag'} is for registry register; registry show reads the registry only`);
      if (options.version) {
        checkVersionNumber('model-version', options.version);
        const found = await registry.getVersion(model, options.version);
        // Refused like every mode asked for a version the registry lacks (exit 1).
        if (!found) throw await noSuchVersion(registry, model, options.version);
        return { text: describeVersion(found), json: found };
      }
      const versions = await registry.listVersions(model);
      const rows = versions.map((v) => [v.version, v.aliases.map((a) => `@${a}`).join(' ') || '–', v.tags[tagKeys.gateDecision] ?? '–', v.source]);
      const none = versions.length === 0 && !(await registry.modelExists(model)) ? `the ${registry.kind} registry has no model named ${JSON.stringify(model)} (registry register creates it with its first version)` : `${model} has no versions`;
      return { text: versions.length ? `${model}\n\n${table(['Version', 'Aliases', 'Gate', 'Source'], rows)}` : none, json: versions };
    }
    default:
      throw new UsageError(`registry needs a subcommand: register or show${subcommand ? ` (got "${subcommand}"${subcommandHint(subcommand)})` : ''}`);
  }
}

function subcommandHint(given: string): string {
  const hint = suggestion(given, ['register', 'show']);
  return hint ? `; ${hint}` : '';
}

function parseTag(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--tag "${text}" must look like key=value`);
  const key = text.slice(0, at);
  if (key.trim().toLowerCase().startsWith(reservedTagPrefix)) {
    // A release record set at registration would claim a gate decision or a promotion that never happened.
    throw new UsageError(`--tag "${key}" is reserved: tags under ${reservedTagPrefix} are the release record agent-release writes itself (gate, promote, deploy, rollback); use a key outside ${reservedTagPrefix}`);
  }
  return [key, text.slice(at + 1)];
}

function describeVersion(v: ModelVersion): string {
  const tags = Object.entries(v.tags).map(([k, value]) => [k, value]);
  return `${v.name} version ${v.version} (${v.status}) from ${v.source}, created ${v.createdAt}${v.aliases.length ? `, holds ${v.aliases.map((a) => `@${a}`).join(' ')}` : ''}\n\n${tags.length ? table(['Tag', 'Value'], tags) : 'no tags'}`;
}
