/**
 * The page and program pipelines' prompt templates (prompts/page/<generator>/ and
 * prompts/program/<generator>/, each a system.md and a message.md), bundled as text like the
 * book's and manga's (same front matter and `{{name}}` rules; see book/prompts.ts), each a
 * PromptSet: a variant lives in prompts/<name>/variants/<variant>/ and is imported here.
 */
import pageQuestionsSystem from "../../../prompts/page/questions/system.md";
import pageQuestionsMessage from "../../../prompts/page/questions/message.md";
import pageSpecSystem from "../../../prompts/page/spec/system.md";
import pageSpecMessage from "../../../prompts/page/spec/message.md";
import pagePlanSystem from "../../../prompts/page/plan/system.md";
import pagePlanMessage from "../../../prompts/page/plan/message.md";
import pageFilesSystem from "../../../prompts/page/files/system.md";
import pageFilesMessage from "../../../prompts/page/files/message.md";
import programSpecSystem from "../../../prompts/program/spec/system.md";
import programSpecMessage from "../../../prompts/program/spec/message.md";
import programCodeSystem from "../../../prompts/program/code/system.md";
import programCodeMessage from "../../../prompts/program/code/message.md";
import { PromptSet, renderPick, type PromptPick, type RenderedPrompt } from "../prompt-set";

type Sources = ConstructorParameters<typeof PromptSet>[1];

const sources = {
  "page/questions": { base: { system: pageQuestionsSystem, message: pageQuestionsMessage } },
  "page/spec": { base: { system: pageSpecSystem, message: pageSpecMessage } },
  "page/plan": { base: { system: pagePlanSystem, message: pagePlanMessage } },
  "page/files": { base: { system: pageFilesSystem, message: pageFilesMessage } },
  "program/spec": { base: { system: programSpecSystem, message: programSpecMessage } },
  "program/code": { base: { system: programCodeSystem, message: programCodeMessage } },
} satisfies Record<string, Sources>;
export type GeneratorPrompt = keyof typeof sources;

export type { RenderedPrompt };

const sets = new Map<GeneratorPrompt, PromptSet>();

/** One template with its variants (parsed once). */
export function generatorPromptSet(name: GeneratorPrompt): PromptSet {
  let set = sets.get(name);
  if (!set) {
    set = new PromptSet(name, sources[name]);
    sets.set(name, set);
  }
  return set;
}

/** A step's prompt in the variant its pick chooses (template, version and variant recorded). */
export function renderGeneratorPrompt(
  name: GeneratorPrompt,
  pick: PromptPick,
  variables: Record<string, string | number>,
): RenderedPrompt {
  return renderPick(generatorPromptSet(name), pick, variables);
}

/** Every page and program template, for GET /v1/prompts. */
export function generatorPromptSets(): PromptSet[] {
  return (Object.keys(sources) as GeneratorPrompt[]).map(generatorPromptSet);
}
