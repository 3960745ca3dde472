/**
 * The engine-independent parts wired together the way step handlers will: split a seed document,
 * store unit sources, render its Mermaid figures and a thumbnail into the real R2 binding under
 * the documented layout, link the figures from the text, and describe it all in a manifest.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { linkImages } from "../../../workers/media/markdown/link-images.ts";
import { renderThumbnail } from "../../../workers/media/thumbnail/render-thumbnail.ts";
import { readBookInput } from "../../../workers/pipelines/book/input/read-book-input.ts";
import { bookOutputLayout, contentTypeFor } from "../../../workers/pipelines/book/output-layout.ts";
import { renderFigure } from "../../../workers/pipelines/book/render-figure.ts";
import {
  exportManifestSchema,
  type ExportManifest,
} from "../../../workers/pipelines/book/schemas/export-manifest.ts";
import { splitBook } from "../../../workers/pipelines/book/split/split-book.ts";
import { hasCorpus, seedDocuments } from "../../support/book-corpus.ts";

describe.skipIf(!hasCorpus)("book outputs in R2", () => {
  it("stores sources, PNG figures and a thumbnail under the layout and lists them in a manifest", async () => {
    const [name, bytes] = [...seedDocuments()].find(([path]) => path.startsWith("000_")) ?? [
      "",
      new Uint8Array(),
    ];
    const upload = readBookInput(bytes, { name });
    const book = splitBook(upload);
    const layout = bookOutputLayout("run_e2e");
    const files: ExportManifest["files"] = [];
    const units: ExportManifest["units"] = [];
    const put = async (
      key: string,
      body: string | Uint8Array,
      kind: ExportManifest["files"][number]["kind"],
    ) => {
      await env.BUCKET.put(key, body, { httpMetadata: { contentType: contentTypeFor(key) } });
      const size = typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.byteLength;
      files.push({ path: layout.exportPath(key), kind, contentType: contentTypeFor(key), bytes: size });
    };

    for (const chapter of book.chapters) {
      for (const section of chapter.sections) {
        for (const unit of section.units) {
          const urls = new Map<string, string>();
          for (const ref of unit.images) {
            const result = await renderFigure(ref, (path) => upload.files.get(path), unit.path);
            if (!result.ok) continue;
            const key = layout.image(result.image.sha256);
            if (!files.some((file) => file.path === layout.exportPath(key)))
              await put(key, result.image.png, "image");
            if (ref.kind !== "file" && ref.kind !== "remote")
              urls.set(ref.code, `../../../images/${result.image.sha256}.png`);
          }
          const text = linkImages(unit.text, (ref) => (ref.kind === "src" ? undefined : urls.get(ref.code)));
          const key = layout.unitFile(chapter, section, unit, "source.md");
          await put(key, text, "source");
          units.push({
            id: unit.id,
            chapter: { id: chapter.id, title: chapter.title },
            section: { id: section.id, title: section.title },
            sourcePath: unit.path,
            files: [layout.exportPath(key)],
          });
        }
      }
    }
    const first = book.chapters[0];
    if (!first) throw new Error("no chapter");
    const thumbnail = await renderThumbnail({
      title: first.title,
      chapterLabel: "第1章",
      bookTitle: book.title,
    });
    await put(layout.chapterFile(first, "thumbnail.png"), thumbnail.png, "thumbnail");

    const manifest = exportManifestSchema.parse({
      manifestVersion: 1,
      runId: "run_e2e",
      createdAt: new Date().toISOString(),
      book: { title: book.title, format: book.format, language: book.language },
      units,
      files,
      prompts: [],
      providers: [],
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      warnings: book.warnings,
    });

    const listed = await env.BUCKET.list({ prefix: `${layout.root}/`, include: ["httpMetadata"] });
    expect(listed.objects.map((object) => layout.exportPath(object.key)).sort()).toEqual(
      manifest.files.map((file) => file.path).sort(),
    );
    const images = listed.objects.filter((object) => object.key.includes("/images/"));
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const object of listed.objects) {
      expect(object.key).not.toMatch(/\.svg$/);
      if (object.key.endsWith(".png")) expect(object.httpMetadata?.contentType).toBe("image/png");
    }
    // The Mermaid fences of the stored sources now point at the stored PNGs.
    const withDiagram = units.find((unit) => unit.id === "ch02/s01/p01");
    const stored = await env.BUCKET.get(`${layout.root}/${withDiagram?.files[0]}`);
    expect(await stored?.text()).toMatch(
      /!\[mermaid diagram\]\(\.\.\/\.\.\/\.\.\/images\/[0-9a-f]{64}\.png\)/,
    );
    expect(manifest.units.map((unit) => unit.id)).toEqual(
      book.chapters.flatMap((c) => c.sections.flatMap((s) => s.units.map((u) => u.id))),
    );
  });
});
