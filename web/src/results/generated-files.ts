/**
 * A page or program run's generated files: the pipelines keep one folder per version of their
 * last step (workers/pipelines/page/keys.ts `page/v<n>/`, program/keys.ts `program/v<n>/`), and
 * the results are the newest version's files.
 */
import type { Artifact } from "./artifact-groups.ts";

export type GeneratedFiles = { version: number; files: { name: string; artifact: Artifact }[] };

const VERSIONED = /^(?:page|program)\/v(\d+)\/(.+)$/;

export function generatedFiles(artifacts: readonly Artifact[]): GeneratedFiles | null {
  let newest: GeneratedFiles | null = null;
  for (const artifact of artifacts) {
    const match = VERSIONED.exec(artifact.path);
    if (!match) continue;
    const version = Number(match[1]);
    const file = { name: match[2] ?? artifact.path, artifact };
    if (!newest || version > newest.version) newest = { version, files: [file] };
    else if (version === newest.version) newest.files.push(file);
  }
  newest?.files.sort((a, b) => a.name.localeCompare(b.name));
  return newest;
}
