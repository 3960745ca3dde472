/**
 * Per part (a group of chapters): an overview article written from its chapters' metadata (title,
 * summary, keywords — bounded, however long the chapters are), and a catalogue description
 * written from that article. Stored as `ptNN-slug/part.md` and `ptNN-slug/part.json`.
 */
import { defineStep } from "../../define-step";
import { bookOutputLayout } from "../output-layout";
import { languageName } from "../prompts";
import { taggedParts } from "../prompt-variables";
import { partDescriptionSchema } from "../schemas/part-outputs";
import { aggregatedArticleSchema } from "../schemas/text-outputs";
import { bookNodeIds as ids, partStepInputSchema } from "./book-refs";
import { articleOutputSchema, chapterMetadataStep, type ArticleOutput } from "./chapter-steps";
import { generate } from "./generate";
import { readStoredText, writeOutput } from "./step-io";

export const partArticleStep = defineStep({
  input: partStepInputSchema,
  output: articleOutputSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const chapters = await Promise.all(
      input.chapters.map(async (chapter) => {
        const metadata = await ctx.outputOf(chapterMetadataStep, ids.chapterMetadata(chapter.id));
        return {
          id: chapter.id,
          title: metadata.title,
          text: `${metadata.summary}\n\nKeywords: ${metadata.keywords.join(", ")}`,
        };
      }),
    );
    const out = await generate(ctx, "part-article", {
      language: languageName(input.book.language),
      book_title: input.book.title,
      part_title: input.part.title,
      part_id: input.part.id,
      chapter_summaries: taggedParts("chapter", chapters),
    });
    const article = aggregatedArticleSchema.parse({
      title: input.part.title,
      markdown: String(out.value),
      unitIds: input.chapters.map((c) => c.id),
    });
    const key = bookOutputLayout(input.book.runId).partFile(input.part, "part.md");
    const file = await writeOutput(ctx, key, "part_article", article.markdown, out);
    return {
      output: { key, title: article.title } satisfies ArticleOutput,
      usage: out.usage,
      artifacts: [file],
    };
  },
});

const descriptionDraftSchema = partDescriptionSchema.omit({ chapterIds: true });

export const partDescriptionStep = defineStep({
  input: partStepInputSchema,
  output: partDescriptionSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const article = await readStoredText(
      ctx,
      (await ctx.outputOf(partArticleStep, ids.partArticle(input.part.id))).key,
    );
    const out = await generate(
      ctx,
      "part-description",
      {
        language: languageName(input.book.language),
        book_title: input.book.title,
        part_title: input.part.title,
        part_id: input.part.id,
        part_article: article,
      },
      { schema: descriptionDraftSchema },
    );
    const description = partDescriptionSchema.parse({
      ...out.value,
      chapterIds: input.chapters.map((c) => c.id),
    });
    const key = bookOutputLayout(input.book.runId).partFile(input.part, "part.json");
    const file = await writeOutput(ctx, key, "part_description", JSON.stringify(description, null, 2), out);
    return { output: description, usage: out.usage, artifacts: [file] };
  },
});
