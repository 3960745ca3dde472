/**
 * `page` — a brief becomes a small accessible static site in three reviewed phases:
 * questions → spec → (file plan) → site (static checks, bounded fix loop), previewed sandboxed
 * at /v1/workflows/:id/preview/ and exported in export.zip. In `dialog` mode every gate waits
 * for a person (the questions gate is a form); in `auto` mode the agent's assumed answers stand.
 * See README.md in this folder.
 */
import type { NodeSpec } from "../../engine/types";
import type { Pipeline } from "../types";
import { pageInputSchema, type PageInput } from "./input";
import { briefFacts } from "./offline/brief-facts";
import { planStep } from "./steps/plan";
import { questionsStep } from "./steps/questions";
import { siteStep } from "./steps/site";
import { specStep } from "./steps/spec";

function build(input: PageInput): NodeSpec[] {
  return [
    { id: "questions", handler: "questions", input, title: "1 · Clarifying questions" },
    { id: "questions/review", kind: "gate", reviews: "questions", title: "Answer: 1 · Clarifying questions" },
    { id: "spec", handler: "spec", input, deps: ["questions/review"], title: "2 · Spec" },
    { id: "spec/review", kind: "gate", reviews: "spec", title: "Review: 2 · Spec" },
    { id: "plan", handler: "plan", input: {}, deps: ["spec/review"], title: "File plan" },
    { id: "site", handler: "site", input: {}, deps: ["plan"], title: "3 · Site" },
    { id: "site/review", kind: "gate", reviews: "site", title: "Review: 3 · Site" },
  ];
}

export const pagePipeline: Pipeline<PageInput> = {
  name: "page",
  description:
    "A brief becomes a small accessible static site: questions, spec, files, checks, sandboxed preview",
  inputSchema: pageInputSchema,
  build,
  title: (input) => `page: ${briefFacts(input.brief, input.title).title}`,
  handlers: { questions: questionsStep, spec: specStep, plan: planStep, site: siteStep },
};
