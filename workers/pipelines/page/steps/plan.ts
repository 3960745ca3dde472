/** The file plan: which files the site has, what each holds and what it links to. */
import { z } from "zod";
import { defineStep } from "../../define-step";
import { generateJson } from "../../generators/generate-json";
import { renderGeneratorPrompt } from "../../generators/prompts";
import { promptPick } from "../../prompt-set";
import { offlinePlan } from "../offline/answers";
import { planSchema } from "../schemas";
import { specStep } from "./spec";

export const planStep = defineStep({
  input: z.strictObject({}),
  output: planSchema,
  async run(ctx) {
    const spec = await ctx.outputOf(specStep, "spec");
    const prompt = renderGeneratorPrompt("page/plan", promptPick(ctx), {
      spec: JSON.stringify(spec, null, 2),
    });
    const out = await generateJson(ctx, prompt, planSchema, offlinePlan(spec));
    return { output: out.value, usage: out.usage };
  },
});
