/**
 * manifest.json of a book export: the units in reading order with their files, every file, the
 * prompt versions and providers that made them, and what the run cost.
 */
import { parseProvenance } from "../prompt-set";
import type { ExportContext } from "../types";
import { parseStoredBook } from "./schemas/book-model-schema";
import {
  EXPORT_MANIFEST_VERSION,
  exportManifestSchema,
  type ExportManifest,
} from "./schemas/export-manifest";
import { bookOutputLayout } from "./output-layout";

type FileKind = ExportManifest["files"][number]["kind"];

export async function buildBookManifest(ctx: ExportContext): Promise<ExportManifest> {
  const layout = bookOutputLayout(ctx.runId);
  const stored = await ctx.env.BUCKET.get(layout.bookFile("book.json"));
  const book = stored ? parseStoredBook(await stored.json()) : null;
  const filesByUnitDir = new Map<string, string[]>();
  for (const file of ctx.files) {
    const dir = file.path.slice(0, file.path.lastIndexOf("/"));
    filesByUnitDir.set(dir, [...(filesByUnitDir.get(dir) ?? []), file.path]);
  }
  const parts = new Map((book?.parts ?? []).map((part) => [part.id, { id: part.id, title: part.title }]));
  const units = (book?.chapters ?? []).flatMap((chapter) =>
    chapter.sections.flatMap((section) =>
      section.units.map((unit) => ({
        id: unit.id,
        ...(chapter.partId && parts.has(chapter.partId) ? { part: parts.get(chapter.partId) } : {}),
        chapter: { id: chapter.id, title: chapter.title },
        section: { id: section.id, title: section.title },
        sourcePath: unit.path,
        files: filesByUnitDir.get(layout.exportPath(layout.unitDir(chapter, section, unit))) ?? [],
      })),
    ),
  );
  // One entry per template and variant that made a file.
  const prompts = new Map<string, { id: string; version: string; variant: string }>();
  const providers = new Map<string, number>();
  for (const file of ctx.files) {
    if (file.promptVersion) {
      const made = parseProvenance(file.promptVersion);
      if (made)
        prompts.set(`${made.template}#${made.variant}`, {
          id: made.template,
          version: made.version,
          variant: made.variant,
        });
    }
    if (file.provider && file.model) {
      const key = `${file.provider}\u0000${file.model}`;
      providers.set(key, (providers.get(key) ?? 0) + 1);
    }
  }
  return exportManifestSchema.parse({
    manifestVersion: EXPORT_MANIFEST_VERSION,
    runId: ctx.runId,
    createdAt: new Date().toISOString(),
    book: {
      title: book?.title ?? "(unknown)",
      format: book?.format ?? "single-file",
      language: book?.language ?? "en",
    },
    units,
    files: ctx.files.map((file) => ({
      path: file.path,
      kind: file.kind as FileKind,
      contentType: file.contentType,
      bytes: file.sizeBytes,
      ...(file.kind === "source" || file.kind === "image" ? {} : { nodeId: file.nodeId }),
    })),
    prompts: [...prompts.values()].sort(
      (a, b) => a.id.localeCompare(b.id) || a.variant.localeCompare(b.variant),
    ),
    providers: [...providers].map(([key, steps]) => {
      const [provider, model] = key.split("\u0000");
      return { provider: provider!, model: model!, steps };
    }),
    usage: { inputTokens: ctx.spent.tokensIn, outputTokens: ctx.spent.tokensOut, costUsd: ctx.spent.costUsd },
    warnings: (book?.warnings ?? []).map((w) => ({
      code: w.code,
      message: w.message,
      ...(w.path ? { path: w.path } : {}),
    })),
  });
}
