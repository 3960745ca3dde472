/** Phase 2 — the spec: pages and sections, palette, interactions, assumptions still standing. */
import { defineStep } from "../../define-step";
import { generateJson } from "../../generators/generate-json";
import { knowledgeBlock, retrieveKnowledge } from "../../generators/knowledge";
import { renderGeneratorPrompt } from "../../generators/prompts";
import { promptPick } from "../../prompt-set";
import { pageInputSchema } from "../input";
import { briefFacts } from "../offline/brief-facts";
import { offlineSpec } from "../offline/answers";
import { specView } from "../previews";
import { pageSpecSchema } from "../schemas";
import { questionsStep } from "./questions";

export const specStep = defineStep({
  input: pageInputSchema,
  output: pageSpecSchema,
  async run(ctx) {
    const { brief, title, knowledgeDocs } = ctx.node.input;
    const questions = await ctx.outputOf(questionsStep, "questions");
    const knowledge = await retrieveKnowledge(ctx.env, ctx.run.tenantId, knowledgeDocs, brief);
    const answers = questions.questions
      .map((q) => `${q.question}\n${q.assumed ? "(assumed) " : ""}${q.answer}`)
      .join("\n\n");
    const prompt = renderGeneratorPrompt("page/spec", promptPick(ctx), {
      brief,
      answers,
      knowledge: knowledgeBlock(knowledge),
    });
    const fallback = offlineSpec(briefFacts(brief, title), questions, knowledge);
    const out = await generateJson(ctx, prompt, pageSpecSchema, fallback);
    return { output: out.value, usage: out.usage };
  },
  preview: specView,
});
