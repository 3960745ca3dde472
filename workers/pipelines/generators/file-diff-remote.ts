/**
 * The review diffs (file-diff.ts) are computed in the media Worker: jsdiff stays out of the main
 * Worker's bundle (issue 16, cold start and bundle size). Which paths changed is answered here.
 */
import { mediaService, unwrap } from "../../media/media-client";
import type { TextFile } from "./file-diff";

/** Every changed, added or removed file as one unified diff ("" when nothing changed). */
export async function diffFiles(before: TextFile[], after: TextFile[]): Promise<string> {
  return unwrap((await mediaService()).diffFiles(before, after));
}

/** Paths whose content differs between the two sets. */
export function changedPaths(before: TextFile[], after: TextFile[]): string[] {
  const old = new Map(before.map((f) => [f.path, f.content]));
  const now = new Map(after.map((f) => [f.path, f.content]));
  return [...new Set([...old.keys(), ...now.keys()])].filter((p) => old.get(p) !== now.get(p)).sort();
}
