/**
 * The R2 keys of a run, named in one place. Everything a run stores lives under `runs/{runId}/`,
 * so deleting a run is one prefix listing and an artifact's public path is its key below it:
 *
 * ```
 * runs/{runId}/nodes/{nodeId}/v{version}.json   a step output too large to keep inline
 * runs/{runId}/book/…                           the book pipeline's tree (book/output-layout.ts)
 * runs/{runId}/export.zip                       the book export
 * runs/{runId}/work/files/{path}                files a book's figures are rendered from
 * runs/{runId}/phases/{phase}.md                the phases pipeline's text per phase
 * ```
 */

/** The folder of everything `runId` stores (ends in "/"). */
export function runPrefix(runId: string): string {
  return `runs/${runId}/`;
}

/** The key of `path` (relative, no leading "/") inside the run's folder. */
export function runKey(runId: string, path: string): string {
  return `${runPrefix(runId)}${path}`;
}

/** `key` below the run's folder (what clients address an artifact by), or undefined if not the run's. */
export function runRelativePath(runId: string, key: string): string | undefined {
  const prefix = runPrefix(runId);
  return key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
}

/** Whether `key` is one of the run's own files: a stored reference must never lead elsewhere. */
export function isRunKey(runId: string, key: string): boolean {
  const path = runRelativePath(runId, key);
  return path !== undefined && path.length > 0 && !path.split("/").includes("..");
}

export const runKeys = {
  nodeOutput: (runId: string, nodeId: string, version: number) =>
    runKey(runId, `nodes/${nodeId}/v${version}.json`),
  bookRoot: (runId: string) => runKey(runId, "book"),
  exportZip: (runId: string) => runKey(runId, "export.zip"),
  workFile: (runId: string, path: string) => runKey(runId, `work/files/${path}`),
  phase: (runId: string, phase: string) => runKey(runId, `phases/${phase}.md`),
};
