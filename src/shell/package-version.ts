/**
 * What `agent-release --version` prints. A constant, not a read of package.json: the bundle
 * runs from dist/ without it. A unit test keeps it equal to package.json's version.
 */
export const packageVersion = '0.1.0';
