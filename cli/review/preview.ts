/**
 * Shows what a gate asks a person to review: text as text, structured output as YAML (easier to
 * read than JSON), and pictures saved to files whose paths are printed, since a terminal cannot
 * be relied on to show them. Pictures are found as artifact URLs of the run inside the preview.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import type { ReviewEvent } from "../../workers/protocol/live.ts";
import type { ApiClient } from "../api-client.ts";
import { clean, cleanLine } from "../output.ts";

const IMAGE_URL =
  /^(?:https?:\/\/[^\s]+)?\/v1\/workflows\/wf_[0-9a-f]{32}\/artifacts\/\S+\.(?:png|jpe?g|webp|gif)$/i;

/** Every string in the preview that addresses a picture of a run. */
export function imageUrls(value: unknown, found = new Set<string>()): string[] {
  if (typeof value === "string" && IMAGE_URL.test(value)) found.add(value);
  else if (Array.isArray(value)) for (const item of value) imageUrls(item, found);
  else if (value && typeof value === "object")
    for (const item of Object.values(value)) imageUrls(item, found);
  return [...found];
}

export function previewText(review: ReviewEvent): string {
  const body =
    typeof review.preview === "string"
      ? review.preview
      : stringify(review.preview, { lineWidth: 100 }).trimEnd();
  return (
    clean(body) + (review.truncated ? "\n… (preview truncated; the whole output is in `tsumugi status`)" : "")
  );
}

/** Prints the preview; saves its pictures under `dir` and prints their paths. */
export async function showPreview(
  client: ApiClient,
  review: ReviewEvent,
  dir: string,
  print: (line: string) => void,
): Promise<string[]> {
  print("");
  print(
    `── review ${cleanLine(review.gate)} · ${cleanLine(review.reviews)} · version ${review.version}` +
      (review.versions.length > 1 ? ` of ${review.versions.join(", ")}` : ""),
  );
  for (const line of previewText(review).split("\n")) print(`  ${line}`);
  const saved: string[] = [];
  const urls = imageUrls(review.preview);
  if (urls.length > 0) await mkdir(dir, { recursive: true });
  for (const [i, url] of urls.entries()) {
    const path = new URL(url, client.base).pathname;
    const ext = /\.(\w+)$/.exec(path)?.[1] ?? "png";
    const file = join(dir, `${review.gate.replace(/[^\w.-]+/g, "_")}-v${review.version}-${i + 1}.${ext}`);
    const res = await client.request(path);
    await writeFile(file, new Uint8Array(await res.arrayBuffer()));
    saved.push(file);
    print(`  picture: ${file}`);
  }
  print("");
  return saved;
}
