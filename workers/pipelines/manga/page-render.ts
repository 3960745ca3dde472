/**
 * A page at a chosen quality, rendered on demand from its stored vector composition and cached in
 * R2 by the composition's hash and the quality: the second request for the same page and quality
 * is one R2 read. What the pages route serves.
 */
import type { Quality } from "../../media/manga/types";
import { mangaKeys } from "./keys";
import { renderPng } from "./media";
import { finalSchema } from "./schemas/final";

export type RenderedPage = { bytes: Uint8Array | ReadableStream; size: number; cached: boolean };

/** The composition hash of page `n` in the final phase's current output, or null if none. */
export function finalComposition(output: unknown, page: number): string | null {
  const parsed = finalSchema.safeParse(output);
  if (!parsed.success) return null;
  return parsed.data.pages.find((p) => p.page === page)?.composition ?? null;
}

/** null when the run has no composition with this hash. */
export async function renderStoredPage(
  bucket: R2Bucket,
  runId: string,
  composition: string,
  quality: Quality,
): Promise<RenderedPage | null> {
  const cacheKey = mangaKeys.render(runId, composition, quality);
  const cached = await bucket.get(cacheKey);
  if (cached) return { bytes: cached.body, size: cached.size, cached: true };
  const svg = await bucket.get(mangaKeys.composition(runId, composition));
  if (!svg) return null;
  const png = await renderPng(await svg.text(), quality);
  await bucket.put(cacheKey, png, { httpMetadata: { contentType: "image/png" } });
  return { bytes: png, size: png.byteLength, cached: false };
}
