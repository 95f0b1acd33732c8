import type { DatabricksFilesClient } from '../databricks/files';
import { ConfigError } from '../errors';
import { LocalArtifactRoot } from './local';
import type { ArtifactRoot } from './root';
import { VolumeArtifactRoot } from './volume';

export { deploymentPlanSchemaId, renderDeploymentPlan, type DeploymentPlanOptions } from './deployment-plan';
export { LocalArtifactRoot } from './local';
export { FileTooLargeError, PathEscapeError, safeName, safeRelativePath, type ArtifactEntry, type ArtifactRoot } from './root';
export { VolumeArtifactRoot } from './volume';
export { highestVersion, listVersions, parseVersionDir, writeNextVersion, type WriteNextVersionOptions, type WrittenVersion } from './versioned';

/**
 * A root from configuration: `/Volumes/<catalog>/<schema>/<volume>[/...]` is a Unity Catalog
 * Volume reached through the Files API; anything else is a local folder, relative to `workdir`.
 * The Files API client is built only when a Volume is named, so local use needs no credentials.
 */
export async function openArtifactRoot(
  spec: string,
  options: { workdir: string; filesClient?: () => Promise<DatabricksFilesClient> },
): Promise<ArtifactRoot> {
  if (spec === '/Volumes' || spec.startsWith('/Volumes/')) {
    if (!options.filesClient) {
      throw new ConfigError(`artifact root ${spec} is a Unity Catalog Volume: set DATABRICKS_HOST and DATABRICKS_TOKEN so it can be reached through the Files API`);
    }
    return new VolumeArtifactRoot(await options.filesClient(), spec);
  }
  if (spec.startsWith('dbfs:') || /^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    throw new ConfigError(`artifact root ${spec}: give a local folder or a Volume path like /Volumes/<catalog>/<schema>/<volume>`);
  }
  return LocalArtifactRoot.open(spec, { workdir: options.workdir });
}
