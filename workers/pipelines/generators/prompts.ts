/**
 * The page and program pipelines' prompt templates (prompts/page/<generator>/ and
 * prompts/program/<generator>/, each a system.md and a message.md), bundled as text like the
 * book's and manga's (same front matter and `{{name}}` rules; see book/prompts.ts).
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
import { parseTemplate, renderTemplate, type PromptTemplate } from "../book/prompts";

const raw = {
  "page/questions": { system: pageQuestionsSystem, message: pageQuestionsMessage },
  "page/spec": { system: pageSpecSystem, message: pageSpecMessage },
  "page/plan": { system: pagePlanSystem, message: pagePlanMessage },
  "page/files": { system: pageFilesSystem, message: pageFilesMessage },
  "program/spec": { system: programSpecSystem, message: programSpecMessage },
  "program/code": { system: programCodeSystem, message: programCodeMessage },
};
export type GeneratorPrompt = keyof typeof raw;

export type RenderedPrompt = { system: string; message: string; version: string };

const parsed = new Map<GeneratorPrompt, { system: PromptTemplate; message: PromptTemplate }>();

export function renderGeneratorPrompt(
  name: GeneratorPrompt,
  variables: Record<string, string | number>,
): RenderedPrompt {
  let templates = parsed.get(name);
  if (!templates) {
    templates = {
      system: parseTemplate(raw[name].system, `${name}/system.md`),
      message: parseTemplate(raw[name].message, `${name}/message.md`),
    };
    parsed.set(name, templates);
  }
  return {
    system: renderTemplate(templates.system.body, variables),
    message: renderTemplate(templates.message.body, variables),
    version: `${name}@${templates.system.version}+${templates.message.version}`,
  };
}
