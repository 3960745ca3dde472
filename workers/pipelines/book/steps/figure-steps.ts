/**
 * Per chapter: every figure its units refer to — local PNG/JPEG/GIF/SVG/.drawio.svg files and
 * ```mermaid / ```svg blocks — becomes a PNG in R2, addressed by its SHA-256 (one copy per run).
 * A figure that cannot be rendered is a warning in the output, never a failed step. SVG from the
 * book is only ever stored as the PNG it renders to.
 */
import { z } from "zod";
import type { ArtifactRecord } from "../../../engine/types";
import { defineStep } from "../../define-step";
import type { BookWarningCode, ImageRef } from "../book-model";
import { bookOutputLayout } from "../output-layout";
import { chapterStepInputSchema, workFileKey } from "./book-refs";
import { writeOutput } from "./step-io";

const WARNING_CODES = [
  "toc_missing_file",
  "toc_duplicate_file",
  "toc_draft_chapter",
  "sidebar_not_static",
  "include_missing",
  "include_too_deep",
  "include_too_large",
  "image_missing",
  "image_remote",
  "image_unsupported",
  "drawio_unrendered",
  "diagram_failed",
  "file_not_text",
  "file_empty",
  "unlisted_markdown",
] as const satisfies readonly BookWarningCode[];

export const bookWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  path: z.string().optional(),
  detail: z.string().optional(),
});

/** Where each figure of a chapter ended up: by file path, or by diagram source. */
export const figureMapSchema = z.strictObject({
  images: z.array(
    z.object({
      unitPath: z.string(),
      path: z.string().optional(),
      code: z.string().optional(),
      /** Path of the PNG relative to the book root (images/<sha256>.png). */
      file: z.string().regex(/^images\/[0-9a-f]{64}\.png$/),
    }),
  ),
  warnings: z.array(bookWarningSchema),
});
export type FigureMap = z.infer<typeof figureMapSchema>;

export const figuresStep = defineStep({
  input: chapterStepInputSchema,
  output: figureMapSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const layout = bookOutputLayout(input.book.runId);
    const files = new Map<string, Uint8Array>();
    for (const { ref } of input.figures ?? []) {
      if (ref.kind !== "file" || files.has(ref.path)) continue;
      const object = await ctx.env.BUCKET.get(workFileKey(input.book.runId, ref.path));
      if (object) files.set(ref.path, new Uint8Array(await object.arrayBuffer()));
    }
    const map: FigureMap = { images: [], warnings: [] };
    const stored = new Set<string>();
    const artifacts: ArtifactRecord[] = [];
    for (const { unitPath, ref } of input.figures ?? []) {
      // Loaded on first use: the renderers (resvg wasm, the Mermaid layout engine) are megabytes
      // that no other step of any pipeline needs.
      const { renderFigure } = await import("../render-figure");
      const result = await renderFigure(ref, (path) => files.get(path), unitPath);
      if (!result.ok) {
        map.warnings.push(result.warning);
        continue;
      }
      const key = layout.image(result.image.sha256);
      if (!stored.has(key)) {
        stored.add(key);
        artifacts.push(await writeOutput(ctx, key, "image", result.image.png));
      }
      map.images.push({ unitPath, ...refKey(ref), file: layout.exportPath(key) });
    }
    return { output: map, artifacts };
  },
});

function refKey(ref: ImageRef): { path?: string; code?: string } {
  if (ref.kind === "file") return { path: ref.path };
  if (ref.kind === "mermaid" || ref.kind === "svg") return { code: ref.code };
  return {};
}
