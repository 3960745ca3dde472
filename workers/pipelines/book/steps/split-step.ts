/**
 * The first step of a book run: read the upload (or inline text), split it, store book.json,
 * warnings.json, every unit's exact source and the image files figures need, then spawn the
 * rest of the graph:
 *
 * ```
 * chNN/figures ─────────────────────────────┐
 * chNN/sMM/structure ─► chNN/sMM/pKK/article ┼─► chNN/sMM/section ─► chNN/chapter ─► chNN/metadata ─┬─► tweets, description, thumbnail
 *                     └► …/script ─► …/script-json                                                  └─► book/metadata ─► book/index
 * ptNN/article (after its chapters' metadata) ─► ptNN/description ─► book/index
 * ```
 */
import { putArtifact } from "../../../engine/artifacts";
import { z } from "zod";
import { FatalStepError, type NodeSpec } from "../../../engine/types";
import { getUpload } from "../../../uploads/upload-store";
import type { Book } from "../book-model";
import { BookInputError } from "../errors";
import { bookInputFromText, readBookInput } from "../input/read-book-input";
import { bookOutputLayout } from "../output-layout";
import { bookFormatSchema } from "../schemas/book-model-schema";
import { splitBook } from "../split/split-book";
import { defineStep } from "../../define-step";
import { bookPipelineInputSchema } from "./book-input";
import { bookNodeIds as ids, workFileKey, type BookInfo, type ChapterStepInput } from "./book-refs";

/** What the split found, for people (the graph it spawns is the real result). */
const splitOutputSchema = z.strictObject({
  title: z.string(),
  language: z.enum(["ja", "en"]),
  format: bookFormatSchema,
  parts: z.number().int().min(0).optional(),
  chapters: z.number().int().min(0),
  warnings: z.number().int().min(0),
});

export const splitStep = defineStep({
  input: bookPipelineInputSchema,
  output: splitOutputSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    let upload;
    try {
      if (input.upload) {
        const stored = await getUpload(ctx.env.BUCKET, ctx.run.tenantId, input.upload);
        if (!stored) throw new FatalStepError(`upload ${input.upload} no longer exists`);
        upload = readBookInput(stored.bytes, { name: stored.meta.name });
      } else {
        upload = bookInputFromText(input.markdown ?? "", input.name);
      }
    } catch (err) {
      if (err instanceof BookInputError)
        throw new FatalStepError(`${err.code}: ${err.message}`, { cause: err });
      throw err;
    }
    const book = splitBook(upload, input.unitTokenBudget ? { unitTokenBudget: input.unitTokenBudget } : {});
    const layout = bookOutputLayout(ctx.run.id);
    const artifacts = [
      await putArtifact(ctx.env.BUCKET, {
        key: layout.bookFile("book.json"),
        kind: "book_model",
        contentType: "application/json",
        body: JSON.stringify(book),
      }),
      await putArtifact(ctx.env.BUCKET, {
        key: layout.bookFile("warnings.json"),
        kind: "warnings",
        contentType: "application/json",
        body: JSON.stringify(book.warnings, null, 2),
      }),
    ];
    for (const chapter of book.chapters) {
      for (const section of chapter.sections) {
        for (const unit of section.units) {
          artifacts.push(
            await putArtifact(ctx.env.BUCKET, {
              key: layout.unitFile(chapter, section, unit, "source.md"),
              kind: "source",
              contentType: "text/markdown; charset=utf-8",
              body: unit.source,
            }),
          );
        }
      }
    }
    // Figures are rendered per chapter from copies of just the files they need.
    const needed = new Set<string>();
    for (const chapter of book.chapters) {
      for (const section of chapter.sections) {
        for (const unit of section.units) {
          for (const ref of unit.images) if (ref.kind === "file") needed.add(ref.path);
        }
      }
    }
    for (const path of needed) {
      const bytes = upload.files.get(path);
      if (bytes) await ctx.env.BUCKET.put(workFileKey(ctx.run.id, path), bytes);
    }
    const info: BookInfo = { runId: ctx.run.id, title: input.title ?? book.title, language: book.language };
    return {
      output: {
        title: info.title,
        language: book.language,
        format: book.format,
        parts: book.parts.length,
        chapters: book.chapters.length,
        warnings: book.warnings.length,
      },
      spawn: bookGraph(book, info, { reviewChapters: input.review === "chapters" }),
      artifacts,
    };
  },
});

/**
 * Every node of the book after the split, with the dependencies drawn above. With
 * `reviewChapters`, each chapter's metadata is a phase behind a review gate
 * (`chNN/metadata/review`): what builds on it waits for the gate, answered by a person or the
 * agent according to the run's mode.
 */
export function bookGraph(
  book: Book,
  info: BookInfo,
  options: { reviewChapters?: boolean } = {},
): NodeSpec[] {
  const nodes: NodeSpec[] = [];
  const chapterMetadata: string[] = [];
  /** What later steps wait for: the metadata, or its gate when chapters are reviewed. */
  const approved = (metadata: string) => (options.reviewChapters ? `${metadata}/review` : metadata);
  const structures: string[] = [];
  for (const chapter of book.chapters) {
    const chapterRef = { id: chapter.id, slug: chapter.slug, title: chapter.title };
    const sectionRefs = chapter.sections.map((s) => ({
      id: s.id,
      slug: s.slug,
      title: s.title,
      units: s.units.map((u) => u.id),
    }));
    const figures = chapter.sections.flatMap((s) =>
      s.units.flatMap((u) =>
        u.images.filter((ref) => ref.kind !== "remote").map((ref) => ({ unitPath: u.path, ref })),
      ),
    );
    const chapterInput: ChapterStepInput = {
      book: info,
      chapter: chapterRef,
      sections: sectionRefs,
      figures,
    };
    nodes.push({
      id: ids.figures(chapter.id),
      handler: "figures",
      input: chapterInput,
      title: `${chapter.title}: figures`,
    });
    const sectionArticles: string[] = [];
    for (const section of chapter.sections) {
      const sectionRef = { id: section.id, slug: section.slug, title: section.title };
      const structure = ids.structure(section.id);
      structures.push(structure);
      nodes.push({
        id: structure,
        handler: "structure",
        input: {
          book: info,
          chapter: chapterRef,
          section: sectionRef,
          units: section.units.map((u) => u.id),
        },
        title: `${section.title}: structure`,
      });
      const articles: string[] = [];
      for (const unit of section.units) {
        const unitInput = {
          book: info,
          chapter: chapterRef,
          section: sectionRef,
          unit: { id: unit.id, path: unit.path, text: unit.text, images: unit.images },
        };
        articles.push(ids.article(unit.id));
        nodes.push({
          id: ids.article(unit.id),
          handler: "article",
          input: unitInput,
          deps: [structure, ids.figures(chapter.id)],
        });
        nodes.push({ id: ids.script(unit.id), handler: "script", input: unitInput, deps: [structure] });
        nodes.push({
          id: ids.scriptJson(unit.id),
          handler: "scriptJson",
          input: unitInput,
          deps: [ids.script(unit.id)],
        });
      }
      const sectionArticle = ids.sectionArticle(section.id);
      sectionArticles.push(sectionArticle);
      nodes.push({
        id: sectionArticle,
        handler: "sectionArticle",
        input: {
          book: info,
          chapter: chapterRef,
          section: sectionRef,
          units: section.units.map((u) => u.id),
        },
        deps: articles,
        title: `${section.title}: article`,
      });
    }
    nodes.push({
      id: ids.chapterArticle(chapter.id),
      handler: "chapterArticle",
      input: chapterInput,
      deps: sectionArticles,
      title: `${chapter.title}: article`,
    });
    const produced = ids.chapterMetadata(chapter.id);
    nodes.push({
      id: produced,
      handler: "chapterMetadata",
      input: chapterInput,
      deps: [ids.chapterArticle(chapter.id)],
    });
    if (options.reviewChapters) {
      nodes.push({
        id: approved(produced),
        kind: "gate",
        reviews: produced,
        title: `Review: ${chapter.title}`,
      });
    }
    const metadata = approved(produced);
    chapterMetadata.push(metadata);
    nodes.push({ id: ids.tweets(chapter.id), handler: "tweets", input: chapterInput, deps: [metadata] });
    const scripts = chapter.sections.flatMap((s) => s.units.map((u) => ids.scriptJson(u.id)));
    nodes.push({
      id: ids.description(chapter.id),
      handler: "description",
      input: chapterInput,
      deps: [metadata, ...scripts],
    });
    nodes.push({
      id: ids.thumbnail(chapter.id),
      handler: "thumbnail",
      input: chapterInput,
      deps: [metadata],
    });
  }
  const partDescriptions: string[] = [];
  for (const part of book.parts) {
    const partInput = {
      book: info,
      part: { id: part.id, slug: part.slug, title: part.title },
      chapters: book.chapters
        .filter((c) => c.partId === part.id)
        .map((c) => ({ id: c.id, slug: c.slug, title: c.title })),
    };
    nodes.push({
      id: ids.partArticle(part.id),
      handler: "partArticle",
      input: partInput,
      deps: partInput.chapters.map((c) => approved(ids.chapterMetadata(c.id))),
      title: `${part.title}: overview`,
    });
    partDescriptions.push(ids.partDescription(part.id));
    nodes.push({
      id: ids.partDescription(part.id),
      handler: "partDescription",
      input: partInput,
      deps: [ids.partArticle(part.id)],
      title: `${part.title}: description`,
    });
  }
  const bookInput = {
    book: info,
    chapters: book.chapters.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      sections: c.sections.map((s) => s.id),
    })),
    ...(book.parts.length > 0
      ? {
          parts: book.parts.map((p) => ({ id: p.id, slug: p.slug, title: p.title, chapters: p.chapterIds })),
        }
      : {}),
  };
  nodes.push({ id: ids.bookMetadata, handler: "bookMetadata", input: bookInput, deps: chapterMetadata });
  nodes.push({
    id: ids.bookIndex,
    handler: "bookIndex",
    input: bookInput,
    // The index lists the parts with their descriptions' titles.
    deps: [ids.bookMetadata, ...structures, ...partDescriptions],
  });
  return nodes;
}
