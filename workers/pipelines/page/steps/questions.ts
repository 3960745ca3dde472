/**
 * Phase 1 — clarifying questions, each with the agent's own answer marked `assumed`. In dialog
 * mode the gate is a form (see previews.ts): the person answers by editing the answers (an
 * `edit` of this output) or by feedback; in auto mode the assumed answers stand and the spec
 * lists them as assumptions. The step never looks at the mode.
 */
import { defineStep } from "../../define-step";
import { generateJson } from "../../generators/generate-json";
import { knowledgeBlock, retrieveKnowledge } from "../../generators/knowledge";
import { renderGeneratorPrompt } from "../../generators/prompts";
import { promptPick } from "../../prompt-set";
import { pageInputSchema } from "../input";
import { briefFacts } from "../offline/brief-facts";
import { offlineQuestions } from "../offline/answers";
import { questionsView } from "../previews";
import { questionsSchema } from "../schemas";

export const questionsStep = defineStep({
  input: pageInputSchema,
  output: questionsSchema,
  async run(ctx) {
    const { brief, title, knowledgeDocs } = ctx.node.input;
    const knowledge = await retrieveKnowledge(ctx.env, ctx.run.tenantId, knowledgeDocs, brief);
    const prompt = renderGeneratorPrompt("page/questions", promptPick(ctx), {
      title: title ?? "",
      brief,
      knowledge: knowledgeBlock(knowledge),
    });
    const out = await generateJson(ctx, prompt, questionsSchema, offlineQuestions(briefFacts(brief, title)));
    return { output: out.value, usage: out.usage };
  },
  preview: questionsView,
});
