/**
 * The book pipeline's prompt templates (prompts/book/<generator>/{system,message}.md), bundled
 * into the Worker as text by the `[[rules]] type = "Text"` entry in wrangler.toml (the vitest
 * integration reads the same rules), so no file system is needed at run time.
 *
 * Templates use `{{name}}` placeholders; rendering fails loudly on a placeholder without a value
 * so a renamed variable can never send a prompt with a hole in it.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import structureAnalysisSystem from "../../../prompts/book/structure-analysis/system.md";
import structureAnalysisMessage from "../../../prompts/book/structure-analysis/message.md";
import articleSystem from "../../../prompts/book/article/system.md";
import articleMessage from "../../../prompts/book/article/message.md";
import narrationScriptSystem from "../../../prompts/book/narration-script/system.md";
import narrationScriptMessage from "../../../prompts/book/narration-script/message.md";
import scriptJsonSystem from "../../../prompts/book/script-json/system.md";
import scriptJsonMessage from "../../../prompts/book/script-json/message.md";
import sectionArticleSystem from "../../../prompts/book/section-article/system.md";
import sectionArticleMessage from "../../../prompts/book/section-article/message.md";
import chapterArticleSystem from "../../../prompts/book/chapter-article/system.md";
import chapterArticleMessage from "../../../prompts/book/chapter-article/message.md";
import chapterMetadataSystem from "../../../prompts/book/chapter-metadata/system.md";
import chapterMetadataMessage from "../../../prompts/book/chapter-metadata/message.md";
import tweetThreadSystem from "../../../prompts/book/tweet-thread/system.md";
import tweetThreadMessage from "../../../prompts/book/tweet-thread/message.md";
import videoDescriptionSystem from "../../../prompts/book/video-description/system.md";
import videoDescriptionMessage from "../../../prompts/book/video-description/message.md";
import partArticleSystem from "../../../prompts/book/part-article/system.md";
import partArticleMessage from "../../../prompts/book/part-article/message.md";
import partDescriptionSystem from "../../../prompts/book/part-description/system.md";
import partDescriptionMessage from "../../../prompts/book/part-description/message.md";
import bookMetadataSystem from "../../../prompts/book/book-metadata/system.md";
import bookMetadataMessage from "../../../prompts/book/book-metadata/message.md";
import bookIndexSystem from "../../../prompts/book/book-index/system.md";
import bookIndexMessage from "../../../prompts/book/book-index/message.md";

import type { BookPromptVariables } from "./prompt-variables.ts";
import { PromptSet, renderPick, type PromptPick, type PromptVariantSource } from "../prompt-set";

export type BookGenerator =
  | "structure-analysis"
  | "article"
  | "narration-script"
  | "script-json"
  | "section-article"
  | "chapter-article"
  | "chapter-metadata"
  | "tweet-thread"
  | "video-description"
  | "part-article"
  | "part-description"
  | "book-metadata"
  | "book-index";

const rawTemplates: Record<BookGenerator, { system: string; message: string }> = {
  "structure-analysis": { system: structureAnalysisSystem, message: structureAnalysisMessage },
  article: { system: articleSystem, message: articleMessage },
  "narration-script": { system: narrationScriptSystem, message: narrationScriptMessage },
  "script-json": { system: scriptJsonSystem, message: scriptJsonMessage },
  "section-article": { system: sectionArticleSystem, message: sectionArticleMessage },
  "chapter-article": { system: chapterArticleSystem, message: chapterArticleMessage },
  "chapter-metadata": { system: chapterMetadataSystem, message: chapterMetadataMessage },
  "tweet-thread": { system: tweetThreadSystem, message: tweetThreadMessage },
  "video-description": { system: videoDescriptionSystem, message: videoDescriptionMessage },
  "part-article": { system: partArticleSystem, message: partArticleMessage },
  "part-description": { system: partDescriptionSystem, message: partDescriptionMessage },
  "book-metadata": { system: bookMetadataSystem, message: bookMetadataMessage },
  "book-index": { system: bookIndexSystem, message: bookIndexMessage },
};

const frontMatterSchema = z.object({ id: z.string().min(1), version: z.string().regex(/^\d+\.\d+\.\d+$/) });

export interface PromptTemplate {
  id: string;
  version: string;
  body: string;
}

export interface BookPrompt {
  generator: BookGenerator;
  system: PromptTemplate;
  message: PromptTemplate;
  /** "system-version+message-version": what outputs record as their prompt version. */
  version: string;
}

export class PromptTemplateError extends Error {
  override readonly name = "PromptTemplateError";
  constructor(
    readonly code: "invalid_front_matter" | "missing_variable" | "unknown_generator",
    message: string,
  ) {
    super(message);
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g;

/** Splits a template file into its validated front matter and its body. */
export function parseTemplate(text: string, name: string): PromptTemplate {
  const match = FRONT_MATTER.exec(text);
  const parsed = frontMatterSchema.safeParse(match ? parseYaml(match[1] ?? "") : undefined);
  if (!match || !parsed.success) {
    throw new PromptTemplateError(
      "invalid_front_matter",
      `${name} needs front matter with id and version (x.y.z)`,
    );
  }
  return { ...parsed.data, body: text.slice(match[0].length).trim() };
}

/** The placeholder names a template uses. */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""))];
}

/**
 * Fills `{{name}}` placeholders. Values are inserted verbatim (no escaping: prompts are not HTML).
 *
 * @example
 * renderTemplate("Hello {{name}}", { name: "紡ぎ" }); // "Hello 紡ぎ"
 */
export function renderTemplate(body: string, variables: Record<string, string | number>): string {
  return body.replace(PLACEHOLDER, (_whole: string, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new PromptTemplateError("missing_variable", `no value for {{${name}}}`);
    return String(value);
  });
}

const cache = new Map<BookGenerator, BookPrompt>();

/** The parsed templates of one generator. */
export function getBookPrompt(generator: BookGenerator): BookPrompt {
  const cached = cache.get(generator);
  if (cached) return cached;
  const raw = rawTemplates[generator];
  if (!raw) throw new PromptTemplateError("unknown_generator", `no prompts for generator "${generator}"`);
  const system = parseTemplate(raw.system, `${generator}/system.md`);
  const message = parseTemplate(raw.message, `${generator}/message.md`);
  const prompt = { generator, system, message, version: `${system.version}+${message.version}` };
  cache.set(generator, prompt);
  return prompt;
}

export const bookGenerators = Object.keys(rawTemplates) as BookGenerator[];

/**
 * A/B variants of the book's templates (prompts/book/<generator>/variants/<name>/), imported
 * and listed here; a generator with none has only its base pair.
 */
const variantTemplates: Partial<Record<BookGenerator, Record<string, PromptVariantSource>>> = {};

const sets = new Map<BookGenerator, PromptSet>();

/** One generator's templates with their variants (parsed once). */
export function bookPromptSet(generator: BookGenerator): PromptSet {
  let set = sets.get(generator);
  if (!set) {
    const raw = rawTemplates[generator];
    if (!raw) throw new PromptTemplateError("unknown_generator", `no prompts for generator "${generator}"`);
    set = new PromptSet(`book/${generator}`, { base: raw, ...variantTemplates[generator] });
    sets.set(generator, set);
  }
  return set;
}

/**
 * The system prompt and user message for one call, plus the ids/version to record with the output.
 *
 * @example
 * const { system, messages, promptId, promptVersion } = renderBookPrompt("article", vars);
 * await gateway.generateText({ system, messages });
 */
export function renderBookPrompt<G extends BookGenerator>(
  generator: G,
  variables: BookPromptVariables[G],
  /** The step's pick (run and node, the run's pins); without one, the base variant. */
  pick?: PromptPick,
) {
  const set = bookPromptSet(generator);
  const rendered = pick ? renderPick(set, pick, variables) : set.render("", variables, set.variants[0]!.name);
  return {
    system: rendered.system,
    messages: [{ role: "user" as const, content: rendered.message }],
    promptId: rendered.template,
    promptVersion: rendered.version,
    prompt: { template: rendered.template, version: rendered.version, variant: rendered.variant },
  };
}

/** "Japanese" / "English", the way the templates' {{language}} expects it. */
export function languageName(language: "ja" | "en"): string {
  return language === "ja" ? "Japanese" : "English";
}
