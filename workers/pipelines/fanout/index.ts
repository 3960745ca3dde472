/**
 * `fanout` — a synthetic book-shaped pipeline for tests and benchmarks: C chapters × S sections
 * × P paragraphs. Per section one structure step, which spawns 3 generator steps per paragraph
 * and a section join; per chapter one metadata step after all its sections. Every step except
 * the joins is an "AI call" (see synthetic-ai.ts). The critical path is 3 calls deep.
 */
import { z } from "zod";
import type { NodeSpec, StepUsage } from "../../engine/types";
import { defineStep, type TypedStepContext } from "../define-step";
import { withSyntheticSpend } from "../synthetic-spend";
import { callSyntheticAi, loopbackUrlSchema } from "../synthetic-ai";
import type { Pipeline } from "../types";

const inputSchema = z.strictObject({
  chapters: z.number().int().min(1).max(5_000),
  sections: z.number().int().min(1).max(100),
  paragraphs: z.number().int().min(1).max(100),
  aiUrl: loopbackUrlSchema.optional(),
  /** Price every AI call at this many USD against the run's budget (tests of budgets). */
  costPerCallUsd: z.number().positive().max(10).optional(),
});
type FanoutInput = z.infer<typeof inputSchema>;

const GENERATORS = ["article", "script", "script-json"] as const;
const pad = (n: number) => String(n).padStart(2, "0");
const sectionId = (c: number, s: number) => `ch${pad(c)}/s${pad(s)}`;

const aiOnly = z.strictObject({
  aiUrl: loopbackUrlSchema.optional(),
  costPerCallUsd: z.number().positive().max(10).optional(),
});
type AiInput = z.output<typeof aiOnly>;

/** One AI call of a step, priced against the run's budget when the run asked for a price. */
type TextResult = { output: { text: string }; usage?: StepUsage };
async function aiCall(ctx: TypedStepContext<unknown>, ai: AiInput, prompt: string): Promise<TextResult> {
  const cost = ai.costPerCallUsd;
  if (cost === undefined) return { output: { text: await callSyntheticAi(ctx, ai.aiUrl, prompt) } };
  const text = await withSyntheticSpend(ctx, cost, () => callSyntheticAi(ctx, ai.aiUrl, prompt));
  return { output: { text }, usage: { costUsd: cost, provider: "synthetic", model: "synthetic" } };
}
const aiFields = (ai: AiInput): AiInput => ({
  ...(ai.aiUrl ? { aiUrl: ai.aiUrl } : {}),
  ...(ai.costPerCallUsd ? { costPerCallUsd: ai.costPerCallUsd } : {}),
});
const sectionInputSchema = aiOnly.extend({
  chapter: z.number().int().min(1),
  section: z.number().int().min(1),
  paragraphs: z.number().int().min(1).max(100),
});
const generatorInputSchema = aiOnly.extend({ kind: z.enum(GENERATORS) });
const textOutputSchema = z.strictObject({ text: z.string() });

const structure = defineStep({
  input: sectionInputSchema,
  output: textOutputSchema,
  async run(ctx) {
    const input = ctx.node.input;
    const base = sectionId(input.chapter, input.section);
    const called = await aiCall(ctx, input, `structure of ${base}`);
    const generators: NodeSpec[] = [];
    for (let p = 1; p <= input.paragraphs; p++) {
      for (const kind of GENERATORS) {
        const genInput: z.input<typeof generatorInputSchema> = { kind, ...aiFields(input) };
        generators.push({ id: `${base}/p${pad(p)}/${kind}`, handler: "generate", input: genInput });
      }
    }
    const join: NodeSpec = { id: `${base}/join`, kind: "barrier", deps: generators.map((g) => g.id) };
    return { ...called, spawn: [...generators, join] };
  },
});

const generate = defineStep({
  input: generatorInputSchema,
  output: textOutputSchema,
  async run(ctx) {
    return aiCall(ctx, ctx.node.input, `${ctx.node.input.kind} for ${ctx.node.id}`);
  },
});

const metadata = defineStep({
  input: aiOnly,
  output: textOutputSchema,
  async run(ctx) {
    return aiCall(ctx, ctx.node.input, `metadata for ${ctx.node.id}`);
  },
});

function build(input: FanoutInput): NodeSpec[] {
  const nodes: NodeSpec[] = [];
  const ai = aiFields(input);
  for (let c = 1; c <= input.chapters; c++) {
    const sections: string[] = [];
    for (let s = 1; s <= input.sections; s++) {
      const id = `${sectionId(c, s)}/structure`;
      sections.push(id);
      const sectionInput: z.input<typeof sectionInputSchema> = {
        chapter: c,
        section: s,
        paragraphs: input.paragraphs,
        ...ai,
      };
      nodes.push({ id, handler: "structure", input: sectionInput });
    }
    nodes.push({ id: `ch${pad(c)}/metadata`, handler: "metadata", input: ai, deps: sections });
  }
  return nodes;
}

/** AI calls a run of this shape makes: structure + 3 per paragraph + metadata. */
export function fanoutAiCalls(c: number, s: number, p: number): number {
  return c * s + c * s * p * GENERATORS.length + c;
}

export const fanoutPipeline: Pipeline<FanoutInput> = {
  name: "fanout",
  description: "Synthetic C×S×P fan-out for tests and benchmarks",
  inputSchema,
  build,
  title: (input) => `fanout ${input.chapters}×${input.sections}×${input.paragraphs}`,
  handlers: { structure, generate, metadata },
  synthetic: true,
};
