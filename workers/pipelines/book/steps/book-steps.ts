/** Per book: metadata (from the chapters' metadata) and an index of terms → units. */
import { z } from "zod";
import { defineStep } from "../../define-step";
import { bookOutputLayout } from "../output-layout";
import { languageName } from "../prompts";
import { bookIndexSchema, bookMetadataSchema, type BookIndex } from "../schemas/book-metadata";
import { bookNodeIds as ids, bookStepInputSchema, storedKeySchema, type BookStepInput } from "./book-refs";
import { chapterMetadataStep } from "./chapter-steps";
import { generate } from "./generate";
import { bookWarningSchema, figuresStep } from "./figure-steps";
import { writeOutput, type BookStepContext } from "./step-io";
import { partDescriptionStep } from "./part-steps";
import { structureStep } from "./unit-steps";

const metadataDraftSchema = bookMetadataSchema.omit({
  language: true,
  chapterCount: true,
  readingTimeMinutes: true,
});

export const bookMetadataStep = defineStep({
  input: bookStepInputSchema,
  output: bookMetadataSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const chapters = await Promise.all(
      input.chapters.map((c) => ctx.outputOf(chapterMetadataStep, ids.chapterMetadata(c.id))),
    );
    const minutes = chapters.reduce((sum, c) => sum + c.readingTimeMinutes, 0);
    const out = await generate(
      ctx,
      "book-metadata",
      {
        language: languageName(input.book.language),
        language_code: input.book.language,
        book_title: input.book.title,
        chapter_count: chapters.length,
        reading_time_minutes: minutes,
        // Long books: the first 200 chapters are plenty to characterise the whole.
        chapter_summaries: chapters
          .slice(0, 200)
          .map((c, i) => `${input.chapters[i]!.id} ${c.title}: ${c.summary}`)
          .join("\n"),
      },
      { schema: metadataDraftSchema },
    );
    const metadata = bookMetadataSchema.parse({
      ...out.value,
      language: input.book.language,
      chapterCount: chapters.length,
      readingTimeMinutes: Math.max(1, minutes),
    });
    const layout = bookOutputLayout(input.book.runId);
    const file = await writeOutput(
      ctx,
      layout.bookFile("metadata.json"),
      "book_metadata",
      JSON.stringify(metadata, null, 2),
      out,
    );
    return { output: metadata, usage: out.usage, artifacts: [file, await completeWarnings(ctx, input)] };
  },
});

/**
 * warnings.json gets the figures that could not be rendered (a raw .drawio, an unsupported
 * diagram) next to what the split found: a figure problem is reported, never a failed run.
 */
async function completeWarnings(ctx: BookStepContext, input: BookStepInput) {
  const layout = bookOutputLayout(input.book.runId);
  const stored = await ctx.env.BUCKET.get(layout.bookFile("warnings.json"));
  const split = stored ? z.array(bookWarningSchema).parse(await stored.json()) : [];
  const figures = await Promise.all(input.chapters.map((c) => ctx.outputOf(figuresStep, ids.figures(c.id))));
  const warnings = [...split, ...figures.flatMap((f) => f.warnings)];
  // Written again on a re-run of this step: keep each warning once.
  const unique = [...new Map(warnings.map((w) => [JSON.stringify(w), w])).values()];
  return writeOutput(ctx, layout.bookFile("warnings.json"), "warnings", JSON.stringify(unique, null, 2));
}

/** Terms the prompt may see; an index of a larger book is completed from the analyses alone. */
const MAX_PROMPT_TERMS = 300;

const indexDraftSchema = z.object({
  entries: z
    .array(
      z.object({ term: z.string().min(1), reading: z.string().optional(), unitIds: z.array(z.string()) }),
    )
    .max(2000),
});

export const bookIndexStep = defineStep({
  input: bookStepInputSchema,
  output: z.strictObject({ key: storedKeySchema(), entries: z.number().int().min(0) }),
  run: async (ctx) => {
    const input = ctx.node.input;
    // term → units, from the structure analyses (each names the terms its section explains).
    const units = new Map<string, Set<string>>();
    const known = new Set<string>();
    for (const chapter of input.chapters) {
      for (const sectionId of chapter.sections) {
        const analysis = await ctx.outputOf(structureStep, ids.structure(sectionId));
        known.add(sectionId);
        for (const { term } of analysis.terms) {
          const set = units.get(term) ?? new Set<string>();
          set.add(sectionId);
          units.set(term, set);
        }
      }
    }
    const termsByUnit = [...units]
      .slice(0, MAX_PROMPT_TERMS)
      .map(([term, at]) => `${term}: ${[...at].join(", ")}`);
    const out = await generate(
      ctx,
      "book-index",
      { book_title: input.book.title, terms_by_unit: termsByUnit.join("\n") || "(no terms)" },
      { schema: indexDraftSchema },
    );
    // Keep what the model returned for known places; every term of the analyses stays indexed.
    const entries = new Map<string, BookIndex["entries"][number]>();
    for (const entry of out.value.entries) {
      const unitIds = entry.unitIds.filter((id) => known.has(id)).slice(0, 50);
      if (unitIds.length > 0)
        entries.set(entry.term, {
          term: entry.term.slice(0, 100),
          ...(entry.reading ? { reading: entry.reading.slice(0, 100) } : {}),
          unitIds,
        });
    }
    for (const [term, at] of units) {
      if (!entries.has(term)) entries.set(term, { term: term.slice(0, 100), unitIds: [...at].slice(0, 50) });
    }
    const list = [...entries.values()].slice(0, 2000);
    const parts = await Promise.all(
      (input.parts ?? []).map(async (part) => {
        const described = await ctx.outputOf(partDescriptionStep, ids.partDescription(part.id));
        return {
          id: part.id,
          title: part.title,
          description: described.description,
          chapterIds: part.chapters,
        };
      }),
    );
    const index = bookIndexSchema.parse({
      entries:
        list.length > 0 ? list : [{ term: input.book.title.slice(0, 100), unitIds: [input.chapters[0]!.id] }],
      ...(parts.length > 0 ? { parts } : {}),
    });
    const key = bookOutputLayout(input.book.runId).bookFile("index.json");
    const file = await writeOutput(ctx, key, "book_index", JSON.stringify(index, null, 2), out);
    return { output: { key, entries: index.entries.length }, usage: out.usage, artifacts: [file] };
  },
});
