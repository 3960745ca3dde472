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

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/**
 * Prints the preview — the phase's own view (title, sections, pictures with captions) when its
 * pipeline makes one, else the output itself — and saves its pictures under `dir`.
 */
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
  let pictures: { url: string; caption: string }[];
  if (review.view) {
    print(`  ${cleanLine(review.view.title)}`);
    for (const section of review.view.sections) {
      print(`  ${cleanLine(section.heading)}`);
      for (const line of section.lines) print(`    ${cleanLine(line)}`);
    }
    pictures = review.view.images.map((image) => ({ url: image.url, caption: image.caption }));
  } else {
    for (const line of previewText(review).split("\n")) print(`  ${line}`);
    pictures = imageUrls(review.preview).map((url) => ({ url, caption: "" }));
  }
  const saved: string[] = [];
  if (pictures.length > 0) await mkdir(dir, { recursive: true });
  for (const [i, picture] of pictures.entries()) {
    const url = new URL(picture.url, client.base);
    if (url.origin !== client.base.origin) continue; // the key goes to our own server only
    const res = await client.request(url.pathname + url.search);
    const ext = EXTENSIONS[(res.headers.get("Content-Type") ?? "").split(";")[0]!.trim()] ?? "bin";
    const file = join(dir, `${review.gate.replace(/[^\w.-]+/g, "_")}-v${review.version}-${i + 1}.${ext}`);
    await writeFile(file, new Uint8Array(await res.arrayBuffer()));
    saved.push(file);
    print(`  picture: ${file}${picture.caption ? `  (${cleanLine(picture.caption)})` : ""}`);
  }
  print("");
  return saved;
}
