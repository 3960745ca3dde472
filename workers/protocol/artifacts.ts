/** A run's stored files: GET /v1/workflows/:id/artifacts (the files themselves are raw bytes). */
import { z } from "zod";

export const listArtifactsQuerySchema = z.strictObject({
  kind: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  after: z.string().max(1000).optional(),
});

export const artifactSchema = z
  .object({
    /** Below the run's folder; what the artifact URL addresses. */
    path: z.string(),
    url: z.string(),
    kind: z.string(),
    nodeId: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string().nullable(),
    /** The prompt that made the file: `template@version#variant`, e.g. `book/article@1.0.0+1.0.0#base`. */
    promptVersion: z.string().nullable(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    createdAt: z.number(),
  })
  .meta({ id: "Artifact" });

export const artifactListSchema = z.object({
  artifacts: z.array(artifactSchema),
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: z.string().nullable(),
});
