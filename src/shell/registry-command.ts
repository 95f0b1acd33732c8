import { UsageError } from '../errors';
import type { ModeContext } from '../modes/context';
import { table } from '../report/markdown';
import type { ModelVersion } from '../registry/types';

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
      if (!options.source) throw new UsageError('registry register needs --source URI (where the version is served or stored)');
      const tags = Object.fromEntries(options.tags.map(parseTag));
      if (ctx.dryRun) return { text: `dry run: would register a new version of ${model} from ${options.source}`, json: { dryRun: true, model, source: options.source, tags } };
      const created = await registry.registerVersion(model, options.source, tags);
      return { text: `registered ${model} version ${created.version} (${created.source})`, json: created };
    }
    case 'show': {
      if (options.version) {
        const found = await registry.getVersion(model, options.version);
        if (!found) throw new UsageError(`${model} has no version ${options.version}`);
        return { text: describeVersion(found), json: found };
      }
      const versions = await registry.listVersions(model);
      const rows = versions.map((v) => [v.version, v.aliases.map((a) => `@${a}`).join(' ') || '–', v.tags['agent_release.gate.decision'] ?? '–', v.source]);
      return { text: versions.length ? `${model}\n\n${table(['Version', 'Aliases', 'Gate', 'Source'], rows)}` : `${model} has no versions`, json: versions };
    }
    default:
      throw new UsageError(`registry needs a subcommand: register or show${subcommand ? ` (got "${subcommand}")` : ''}`);
  }
}

function parseTag(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--tag "${text}" must look like key=value`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function describeVersion(v: ModelVersion): string {
  const tags = Object.entries(v.tags).map(([k, value]) => [k, value]);
  return `${v.name} version ${v.version} (${v.status}) from ${v.source}, created ${v.createdAt}${v.aliases.length ? `, holds ${v.aliases.map((a) => `@${a}`).join(' ')}` : ''}\n\n${tags.length ? table(['Tag', 'Value'], tags) : 'no tags'}`;
}
