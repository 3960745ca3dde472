/** Phase 1 — the brief becomes a spec: modules, exported functions, behaviours to test, assumptions. */
import { defineStep } from "../../define-step";
import { generateJson } from "../../generators/generate-json";
import { knowledgeBlock, retrieveKnowledge } from "../../generators/knowledge";
import { renderGeneratorPrompt } from "../../generators/prompts";
import { promptPick } from "../../prompt-set";
import { programInputSchema } from "../input";
import { offlineProgramSpec } from "../offline";
import { programSpecSchema } from "../schemas";
import { specView } from "../previews";

export const specStep = defineStep({
  input: programInputSchema,
  output: programSpecSchema,
  async run(ctx) {
    const { brief, title, knowledgeDocs } = ctx.node.input;
    const knowledge = await retrieveKnowledge(ctx.env, ctx.run.tenantId, knowledgeDocs, brief);
    const prompt = renderGeneratorPrompt("program/spec", promptPick(ctx), {
      title: title ?? "",
      brief,
      knowledge: knowledgeBlock(knowledge),
    });
    const out = await generateJson(ctx, prompt, programSpecSchema, {
      ...offlineProgramSpec(brief, title),
      sources: knowledge.sources,
    });
    return { output: out.value, usage: out.usage };
  },
  preview: specView,
});
