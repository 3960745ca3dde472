/**
 * Storing a step's files. A handler writes through `putArtifact` (R2, with size and SHA-256) and
 * returns the records in its StepResult; the consumer indexes them in D1 (`recordArtifacts`) and
 * the run announces each with an `artifact` event.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { artifacts } from "../db/schema";
import { sha256Hex } from "../crypto/sha256";
import type { ArtifactRecord } from "./types";

/** Content types we refuse to store as artifacts: they would be active content on our origin. */
const ACTIVE_CONTENT = /(svg|html|xml|javascript)/i;

export async function putArtifact(
  bucket: R2Bucket,
  artifact: Omit<ArtifactRecord, "sizeBytes" | "sha256"> & { body: string | Uint8Array },
): Promise<ArtifactRecord> {
  if (ACTIVE_CONTENT.test(artifact.contentType)) {
    throw new Error(`refusing to store ${artifact.contentType} as an artifact (${artifact.key})`);
  }
  const bytes = typeof artifact.body === "string" ? new TextEncoder().encode(artifact.body) : artifact.body;
  await bucket.put(artifact.key, bytes, { httpMetadata: { contentType: artifact.contentType } });
  const { body: _body, ...record } = artifact;
  return { ...record, sizeBytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
}

/** Indexes a step's artifacts; re-running the step (a revision) updates its rows in place. */
export async function recordArtifacts(
  db: Db,
  run: { id: string; tenantId: string },
  nodeId: string,
  records: ArtifactRecord[],
): Promise<void> {
  // D1 caps bound parameters per statement (100); 13 columns a row → a few rows per insert.
  for (let i = 0; i < records.length; i += 5) {
    await db
      .insert(artifacts)
      .values(
        records.slice(i, i + 5).map((r) => ({
          id: crypto.randomUUID(),
          workflowId: run.id,
          tenantId: run.tenantId,
          nodeId,
          kind: r.kind,
          r2Key: r.key,
          contentType: r.contentType,
          sizeBytes: r.sizeBytes,
          sha256: r.sha256 ?? null,
          promptVersion: r.promptVersion ?? null,
          provider: r.provider ?? null,
          model: r.model ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: artifacts.r2Key,
        set: {
          nodeId: sql`excluded.node_id`,
          sizeBytes: sql`excluded.size_bytes`,
          sha256: sql`excluded.sha256`,
          contentType: sql`excluded.content_type`,
          promptVersion: sql`excluded.prompt_version`,
          provider: sql`excluded.provider`,
          model: sql`excluded.model`,
        },
      });
  }
}
