import { describe, expect, it } from "vitest";
import type { BookPromptVariables } from "../../../workers/pipelines/book/prompt-variables.ts";
import { taggedParts } from "../../../workers/pipelines/book/prompt-variables.ts";
import {
  type BookGenerator,
  bookGenerators,
  getBookPrompt,
  parseTemplate,
  PromptTemplateError,
  renderBookPrompt,
  renderTemplate,
  templateVariables,
} from "../../../workers/pipelines/book/prompts.ts";

describe("book prompts", () => {
  it("bundles a system and a message template with id and version for every generator", () => {
    expect(bookGenerators).toHaveLength(13);
    for (const generator of bookGenerators) {
      const prompt = getBookPrompt(generator);
      expect(prompt.system.id).toBe(`book/${generator}/system`);
      expect(prompt.message.id).toBe(`book/${generator}/message`);
      expect(prompt.version).toMatch(/^\d+\.\d+\.\d+\+\d+\.\d+\.\d+$/);
      expect(prompt.system.body).not.toContain("---");
    }
  });

  const common = {
    language: "Japanese",
    language_code: "ja",
    book_title: "本",
    chapter_title: "章",
    chapter_id: "ch01",
  };
  const samples: { [G in BookGenerator]: BookPromptVariables[G] } = {
    "structure-analysis": { ...common, section_title: "節", section_id: "ch01/s01", source: "本文" },
    article: {
      ...common,
      section_title: "節",
      key_points: "- 要点",
      unit_id: "ch01/s01/p01",
      source: "所有権とは",
    },
    "narration-script": { ...common, section_title: "節", unit_id: "ch01/s01/p01", source: "本文" },
    "script-json": {
      ...common,
      speakers: "narrator (ナレーター)",
      unit_id: "ch01/s01/p01",
      narration: "語り",
    },
    "section-article": {
      ...common,
      section_title: "節",
      section_id: "ch01/s01",
      parts: taggedParts("part", []),
    },
    "chapter-article": { ...common, sections: taggedParts("section", [{ id: "ch01/s01", text: "x" }]) },
    "chapter-metadata": { ...common, reading_time_minutes: 3, chapter_article: "記事" },
    "tweet-thread": { ...common, keywords: "Rust, 所有権", chapter_summary: "要約" },
    "video-description": { ...common, chapter_markers: "0:00 はじめに", chapter_summary: "要約" },
    "part-article": { ...common, part_title: "第1部", part_id: "pt01", chapter_summaries: "…" },
    "part-description": { ...common, part_title: "第1部", part_id: "pt01", part_article: "記事" },
    "book-metadata": { ...common, chapter_count: 2, reading_time_minutes: 30, chapter_summaries: "…" },
    "book-index": { book_title: "本", terms_by_unit: "ch01/s01/p01: 所有権" },
  };

  it("types exactly the placeholders of every template", () => {
    for (const generator of bookGenerators) {
      const prompt = getBookPrompt(generator);
      const used = new Set([
        ...templateVariables(prompt.system.body),
        ...templateVariables(prompt.message.body),
      ]);
      const typed = Object.keys(samples[generator]).filter((key) => used.has(key) || !(key in common));
      expect(new Set(typed), generator).toEqual(used);
    }
  });

  it("renders every generator with its variables and records id and version", () => {
    for (const generator of bookGenerators) {
      const rendered = renderBookPrompt(generator, samples[generator] as never);
      expect(rendered.system + rendered.messages[0]?.content).not.toMatch(/\{\{/);
      expect(rendered.promptId).toBe(`book/${generator}`);
      expect(rendered.promptVersion).toBe(getBookPrompt(generator).version);
    }
    expect(renderBookPrompt("article", samples.article).messages[0]?.content).toContain("所有権とは");
  });

  it("fails on a missing variable", () => {
    expect(() => renderBookPrompt("article", {} as never)).toThrow(PromptTemplateError);
  });

  it("inserts values verbatim, once", () => {
    expect(renderTemplate("a {{x}} b", { x: "{{y}}" })).toBe("a {{y}} b");
  });

  it("rejects templates without valid front matter", () => {
    expect(() => parseTemplate("no front matter", "x.md")).toThrow(PromptTemplateError);
    expect(() => parseTemplate("---\nid: a\nversion: one\n---\nbody", "x.md")).toThrow(PromptTemplateError);
  });
});
