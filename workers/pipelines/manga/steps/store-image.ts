/** Stores a generated image content-addressed (by its SHA-256) in the run's R2 folder. */
import { putArtifact } from "../../../engine/artifacts";
import type { ArtifactRecord } from "../../../engine/types";
import { sha256Hex } from "../../../crypto/sha256";
import { mangaKeys } from "../keys";

export async function storeImage(
  bucket: R2Bucket,
  runId: string,
  bytes: Uint8Array,
  meta: { kind: string; promptVersion: string; provider: string; model: string },
): Promise<{ key: string; sha256: string; record: ArtifactRecord }> {
  const sha256 = await sha256Hex(bytes);
  const key = mangaKeys.image(runId, sha256);
  const record = await putArtifact(bucket, { key, contentType: "image/png", body: bytes, ...meta });
  return { key, sha256, record };
}
