/**
 * Per section: the aggregated article. Per chapter: aggregated article, metadata, a tweet thread
 * within X's length rules, a video description with chapter markers from the narration timings,
 * and a 1280×720 thumbnail.
 */
import { z } from "zod";
import { bookOutputLayout } from "../output-layout";
import { languageName } from "../prompts";
import { taggedParts } from "../prompt-variables";
import { defineStep } from "../../define-step";
import { chapterMetadataSchema, readingTimeMinutes } from "../schemas/chapter-metadata";
import { aggregatedArticleSchema } from "../schemas/text-outputs";
import { tweetThreadSchema } from "../schemas/tweet-thread";
import { videoDescriptionSchema } from "../schemas/video-description";
import { MAX_TWEET_WEIGHT, tweetLength } from "../tweet-length";
import {
  bookNodeIds as ids,
  chapterStepInputSchema,
  sectionStepInputSchema,
  storedKeySchema,
} from "./book-refs";
import { generate } from "./generate";
import { keepFigureLinks, readStoredText, rebaseImageLinks, writeOutput } from "./step-io";
import { articleStep, scriptJsonStep } from "./unit-steps";

/** An aggregated article: its file and its title. */
export const articleOutputSchema = z.strictObject({
  key: storedKeySchema(),
  title: z.string().min(1).max(200),
});
export type ArticleOutput = z.infer<typeof articleOutputSchema>;

export const sectionArticleStep = defineStep({
  input: sectionStepInputSchema,
  output: articleOutputSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const parts = await Promise.all(
      input.units.map(async (id) => ({
        id,
        // Unit articles link figures from three folders down; the section file is two.
        text: rebaseImageLinks(
          await readStoredText(ctx, (await ctx.outputOf(articleStep, ids.article(id))).key),
          "../../",
        ),
      })),
    );
    const out = await generate(ctx, "section-article", {
      language: languageName(input.book.language),
      section_title: input.section.title,
      section_id: input.section.id,
      parts: taggedParts("part", parts),
    });
    const article = aggregatedArticleSchema.parse({
      title: input.section.title,
      markdown: keepFigureLinks(
        rebaseImageLinks(String(out.value), "../../"),
        parts.map((p) => p.text),
      ),
      unitIds: input.units,
    });
    const key = bookOutputLayout(input.book.runId).sectionFile(input.chapter, input.section, "section.md");
    const file = await writeOutput(ctx, key, "section_article", article.markdown, out);
    return {
      output: { key, title: article.title } satisfies ArticleOutput,
      usage: out.usage,
      artifacts: [file],
    };
  },
});

export const chapterArticleStep = defineStep({
  input: chapterStepInputSchema,
  output: articleOutputSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const sections = await Promise.all(
      input.sections.map(async (s) => ({
        id: s.id,
        title: s.title,
        text: rebaseImageLinks(
          await readStoredText(ctx, (await ctx.outputOf(sectionArticleStep, ids.sectionArticle(s.id))).key),
          "../",
        ),
      })),
    );
    const out = await generate(ctx, "chapter-article", {
      language: languageName(input.book.language),
      book_title: input.book.title,
      chapter_title: input.chapter.title,
      chapter_id: input.chapter.id,
      sections: taggedParts("section", sections),
    });
    const article = aggregatedArticleSchema.parse({
      title: input.chapter.title,
      markdown: keepFigureLinks(
        rebaseImageLinks(String(out.value), "../"),
        sections.map((s) => s.text),
      ),
      unitIds: input.sections.flatMap((s) => s.units),
    });
    const key = bookOutputLayout(input.book.runId).chapterFile(input.chapter, "chapter.md");
    const file = await writeOutput(ctx, key, "chapter_article", article.markdown, out);
    return {
      output: { key, title: article.title } satisfies ArticleOutput,
      usage: out.usage,
      artifacts: [file],
    };
  },
});

const metadataDraftSchema = chapterMetadataSchema.omit({ readingTimeMinutes: true });

export const chapterMetadataStep = defineStep({
  input: chapterStepInputSchema,
  output: chapterMetadataSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const chapterArticle = await readStoredText(
      ctx,
      (await ctx.outputOf(chapterArticleStep, ids.chapterArticle(input.chapter.id))).key,
    );
    const minutes = readingTimeMinutes(chapterArticle, input.book.language);
    const out = await generate(
      ctx,
      "chapter-metadata",
      {
        language: languageName(input.book.language),
        book_title: input.book.title,
        chapter_title: input.chapter.title,
        chapter_id: input.chapter.id,
        reading_time_minutes: minutes,
        chapter_article: chapterArticle,
      },
      { schema: metadataDraftSchema },
    );
    // Reading time is measured, not asked for.
    const metadata = chapterMetadataSchema.parse({ ...out.value, readingTimeMinutes: minutes });
    const key = bookOutputLayout(input.book.runId).chapterFile(input.chapter, "chapter.json");
    const file = await writeOutput(ctx, key, "chapter_metadata", JSON.stringify(metadata, null, 2), out);
    return { output: metadata, usage: out.usage, artifacts: [file] };
  },
  review: {
    rubric:
      "chapter metadata whose summary states what the chapter teaches in the book's language, with distinct keywords a reader would search for",
    check: (meta) => {
      const seen = new Set(meta.keywords.map((k) => k.toLowerCase()));
      return seen.size < meta.keywords.length ? ["Some keywords repeat: give distinct keywords."] : [];
    },
  },
});

/** Shortens a post until X counts it within the limit (CJK counts double, URLs 23). */
export function fitTweet(text: string): string {
  let fitted = text.trim();
  if (tweetLength(fitted) <= MAX_TWEET_WEIGHT) return fitted;
  const chars = [...fitted];
  while (chars.length > 1 && tweetLength(`${chars.join("").trimEnd()}…`) > MAX_TWEET_WEIGHT) chars.pop();
  fitted = `${chars.join("").trimEnd()}…`;
  return fitted;
}

const tweetDraftSchema = z.object({
  tweets: z.array(z.string().min(1)).min(1).max(10),
  hashtags: z.array(z.string()).max(10).default([]),
});

export const tweetsStep = defineStep({
  input: chapterStepInputSchema,
  output: z.strictObject({ key: storedKeySchema(), tweets: z.number().int().min(1) }),
  run: async (ctx) => {
    const input = ctx.node.input;
    const metadata = await ctx.outputOf(chapterMetadataStep, ids.chapterMetadata(input.chapter.id));
    const out = await generate(
      ctx,
      "tweet-thread",
      {
        language: languageName(input.book.language),
        book_title: input.book.title,
        chapter_title: metadata.title,
        keywords: metadata.keywords.join(", "),
        chapter_summary: metadata.summary,
      },
      { schema: tweetDraftSchema },
    );
    const hashtags = out.value.hashtags
      .map((tag) => `#${tag.replace(/^#/, "").replace(/[^\p{L}\p{N}_]/gu, "")}`)
      .filter((tag) => tag.length > 1)
      .slice(0, 5);
    const thread = tweetThreadSchema.parse({ tweets: out.value.tweets.map(fitTweet), hashtags });
    const key = bookOutputLayout(input.book.runId).chapterFile(input.chapter, "tweets.json");
    const file = await writeOutput(ctx, key, "tweets", JSON.stringify(thread, null, 2), out);
    return { output: { key, tweets: thread.tweets.length }, usage: out.usage, artifacts: [file] };
  },
});

const descriptionDraftSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
  tags: z.array(z.string().min(1)).max(30).default([]),
});

function timestamp(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

export const descriptionStep = defineStep({
  input: chapterStepInputSchema,
  output: z.strictObject({ key: storedKeySchema() }),
  run: async (ctx) => {
    const input = ctx.node.input;
    const metadata = await ctx.outputOf(chapterMetadataStep, ids.chapterMetadata(input.chapter.id));
    // Chapter markers come from the narration scripts' measured durations, section by section.
    let at = 0;
    const markers: { timestamp: string; title: string }[] = [];
    for (const section of input.sections) {
      markers.push({ timestamp: timestamp(at), title: section.title.slice(0, 100) });
      for (const unit of section.units) {
        at += (await ctx.outputOf(scriptJsonStep, ids.scriptJson(unit))).totalSeconds;
      }
    }
    const out = await generate(
      ctx,
      "video-description",
      {
        language: languageName(input.book.language),
        book_title: input.book.title,
        chapter_title: metadata.title,
        chapter_markers: markers.map((m) => `${m.timestamp} ${m.title}`).join("\n"),
        chapter_summary: metadata.summary,
      },
      { schema: descriptionDraftSchema },
    );
    const tags: string[] = [];
    for (const tag of out.value.tags.map((t) => t.slice(0, 100))) {
      if ([...tags, tag].join(",").length > 500) break;
      tags.push(tag);
    }
    const description = videoDescriptionSchema.parse({
      title: out.value.title.slice(0, 100),
      description: out.value.description.slice(0, 5000),
      tags,
      chapters: markers.slice(0, 50),
    });
    const key = bookOutputLayout(input.book.runId).chapterFile(input.chapter, "description.json");
    const file = await writeOutput(ctx, key, "description", JSON.stringify(description, null, 2), out);
    return { output: { key }, usage: out.usage, artifacts: [file] };
  },
});

export const thumbnailStep = defineStep({
  input: chapterStepInputSchema,
  output: z.strictObject({
    key: storedKeySchema(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  run: async (ctx) => {
    const input = ctx.node.input;
    const metadata = await ctx.outputOf(chapterMetadataStep, ids.chapterMetadata(input.chapter.id));
    const number = Number(input.chapter.id.slice(2));
    // Loaded on first use: resvg and the embedded font are megabytes other steps do not need.
    const { renderThumbnail } = await import("../../../media/thumbnail/render-thumbnail");
    const image = await renderThumbnail({
      title: metadata.title,
      chapterLabel: input.book.language === "ja" ? `第${number}章` : `Chapter ${number}`,
      bookTitle: input.book.title,
    });
    const key = bookOutputLayout(input.book.runId).chapterFile(input.chapter, "thumbnail.png");
    const file = await writeOutput(ctx, key, "thumbnail", image.png);
    return { output: { key, width: image.width, height: image.height }, artifacts: [file] };
  },
});
