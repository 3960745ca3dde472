/**
 * Page compositions (SVG) are stored in R2 by content hash and never served as SVG: the pages
 * route renders them to PNG at the quality a client asks for (and caches that by hash too).
 */
import { sha256Hex } from "../../../crypto/sha256";
import { mangaKeys } from "../keys";

export async function storeComposition(bucket: R2Bucket, runId: string, svg: string): Promise<string> {
  const bytes = new TextEncoder().encode(svg);
  const sha256 = await sha256Hex(bytes);
  const key = mangaKeys.composition(runId, sha256);
  // Content-addressed: an existing object already holds these bytes.
  if (!(await bucket.head(key)))
    await bucket.put(key, bytes, { httpMetadata: { contentType: "image/svg+xml" } });
  return sha256;
}
