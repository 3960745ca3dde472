import { describe, expect, it } from "vitest";
import {
  bookIndexSchema,
  bookMetadataSchema,
} from "../../../../workers/pipelines/book/schemas/book-metadata.ts";
import {
  chapterMetadataSchema,
  readingTimeMinutes,
} from "../../../../workers/pipelines/book/schemas/chapter-metadata.ts";
import { exportManifestSchema } from "../../../../workers/pipelines/book/schemas/export-manifest.ts";
import { provenanceSchema } from "../../../../workers/pipelines/book/schemas/provenance.ts";
import { estimateSpeechSeconds, scriptSchema } from "../../../../workers/pipelines/book/schemas/script.ts";
import { structureAnalysisSchema } from "../../../../workers/pipelines/book/schemas/structure-analysis.ts";
import {
  aggregatedArticleSchema,
  articleMarkdownSchema,
  narrationScriptTextSchema,
} from "../../../../workers/pipelines/book/schemas/text-outputs.ts";
import { tweetThreadSchema } from "../../../../workers/pipelines/book/schemas/tweet-thread.ts";
import { videoDescriptionSchema } from "../../../../workers/pipelines/book/schemas/video-description.ts";

describe("generator output schemas", () => {
  it("structure analysis", () => {
    const good = {
      summary: "所有権の基本",
      keyPoints: ["値には所有者が一人いる"],
      terms: [{ term: "所有権", definition: "メモリを管理する規則" }],
      difficulty: "beginner",
      suggestedVisuals: [{ kind: "diagram", description: "スタックとヒープ" }],
    };
    expect(structureAnalysisSchema.parse(good).prerequisites).toEqual([]);
    expect(structureAnalysisSchema.safeParse({ ...good, difficulty: "easy" }).success).toBe(false);
    expect(structureAnalysisSchema.safeParse({ ...good, keyPoints: [] }).success).toBe(false);
  });

  it("article, narration text and aggregations are non-empty text", () => {
    expect(articleMarkdownSchema.safeParse("## Title\n\nText").success).toBe(true);
    expect(articleMarkdownSchema.safeParse("  \n").success).toBe(false);
    expect(narrationScriptTextSchema.safeParse("").success).toBe(false);
    expect(aggregatedArticleSchema.safeParse({ title: "S", markdown: "x", unitIds: [] }).success).toBe(false);
    expect(
      aggregatedArticleSchema.safeParse({ title: "S", markdown: "x", unitIds: ["ch01/s01/p01"] }).success,
    ).toBe(true);
  });

  it("script JSON checks speakers and durations", () => {
    const line = (speaker: string, text: string) => ({
      speaker,
      text,
      estimatedSeconds: estimateSpeechSeconds(text, "ja"),
    });
    const lines = [
      line("narrator", "所有権はRustの中心的な機能です。"),
      line("narrator", "三つの規則があります。"),
    ];
    const total = lines.reduce((sum, l) => sum + l.estimatedSeconds, 0);
    const script = {
      language: "ja",
      speakers: [{ id: "narrator", name: "ナレーター" }],
      lines,
      totalSeconds: total,
    };
    expect(scriptSchema.parse(script).speakers[0]?.role).toBe("narrator");
    expect(scriptSchema.safeParse({ ...script, lines: [line("guest", "誰？")] }).success).toBe(false);
    expect(scriptSchema.safeParse({ ...script, totalSeconds: total + 60 }).success).toBe(false);
    expect(estimateSpeechSeconds("one two three four five", "en")).toBe(2);
    expect(estimateSpeechSeconds("あいうえおかきくけこさしすせそ", "ja")).toBe(2.5);
  });

  it("chapter metadata and reading time", () => {
    const ok = {
      title: "所有権",
      summary: "要約",
      keywords: ["Rust", "所有権", "借用"],
      readingTimeMinutes: 5,
    };
    expect(chapterMetadataSchema.safeParse(ok).success).toBe(true);
    expect(chapterMetadataSchema.safeParse({ ...ok, keywords: ["Rust"] }).success).toBe(false);
    expect(chapterMetadataSchema.safeParse({ ...ok, readingTimeMinutes: 2.5 }).success).toBe(false);
    expect(readingTimeMinutes("あ".repeat(1500), "ja")).toBe(3);
    expect(readingTimeMinutes("word ".repeat(460), "en")).toBe(2);
    expect(readingTimeMinutes("short", "en")).toBe(1);
  });

  it("tweet threads respect the weighted length of every post", () => {
    expect(tweetThreadSchema.safeParse({ tweets: ["あ".repeat(140)] }).success).toBe(true);
    const result = tweetThreadSchema.safeParse({ tweets: ["ok", "あ".repeat(141)] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["tweets", 1]);
    expect(tweetThreadSchema.safeParse({ tweets: [] }).success).toBe(false);
  });

  it("video description limits", () => {
    const ok = {
      title: "T",
      description: "D",
      tags: ["rust"],
      chapters: [{ timestamp: "0:00", title: "Intro" }],
    };
    expect(videoDescriptionSchema.safeParse(ok).success).toBe(true);
    expect(videoDescriptionSchema.safeParse({ ...ok, title: "x".repeat(101) }).success).toBe(false);
    expect(videoDescriptionSchema.safeParse({ ...ok, tags: Array(10).fill("x".repeat(60)) }).success).toBe(
      false,
    );
    expect(
      videoDescriptionSchema.safeParse({ ...ok, chapters: [{ timestamp: "1m", title: "x" }] }).success,
    ).toBe(false);
  });

  it("book metadata and index", () => {
    const meta = {
      title: "B",
      summary: "S",
      audience: "A",
      keywords: ["a", "b", "c"],
      language: "en",
      chapterCount: 2,
      readingTimeMinutes: 30,
    };
    expect(bookMetadataSchema.safeParse(meta).success).toBe(true);
    expect(
      bookIndexSchema.safeParse({
        entries: [{ term: "所有権", reading: "しょゆうけん", unitIds: ["ch01/s02/p03"] }],
      }).success,
    ).toBe(true);
    expect(bookIndexSchema.safeParse({ entries: [{ term: "x", unitIds: ["chapter-1"] }] }).success).toBe(
      false,
    );
  });

  it("provenance and export manifest", () => {
    const provenance = {
      promptId: "book/article",
      promptVersion: "1.0.0+1.0.0",
      provider: "offline",
      model: "offline-extractive",
      generatedAt: new Date(0).toISOString(),
    };
    expect(provenanceSchema.safeParse(provenance).success).toBe(true);
    const manifest = {
      manifestVersion: 1,
      runId: "run_1",
      createdAt: new Date(0).toISOString(),
      book: { title: "B", format: "mdbook", language: "en" },
      units: [
        {
          id: "ch01/s01/p01",
          chapter: { id: "ch01", title: "C" },
          section: { id: "ch01/s01", title: "S" },
          sourcePath: "src/a.md",
          files: ["ch01-c/s01-s/p01/article.md"],
        },
      ],
      files: [
        { path: "ch01-c/s01-s/p01/article.md", kind: "article", contentType: "text/markdown", bytes: 10 },
      ],
      prompts: [{ id: "book/article", version: "1.0.0+1.0.0" }],
      providers: [{ provider: "offline", model: "offline-extractive", steps: 1 }],
      usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 },
      warnings: [],
    };
    expect(exportManifestSchema.safeParse(manifest).success).toBe(true);
    expect(exportManifestSchema.safeParse({ ...manifest, manifestVersion: 2 }).success).toBe(false);
  });
});
