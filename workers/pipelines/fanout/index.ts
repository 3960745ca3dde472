/**
 * `fanout` — a synthetic book-shaped pipeline for tests and benchmarks: C chapters × S sections
 * × P paragraphs. Per section one structure step, which spawns 3 generator steps per paragraph
 * and a section join; per chapter one metadata step after all its sections. Every step except
 * the joins is an "AI call" (see synthetic-ai.ts). The critical path is 3 calls deep.
 */
import { z } from "zod";
import type { NodeSpec } from "../../engine/types";
import { defineStep } from "../define-step";
import { callSyntheticAi, loopbackUrlSchema } from "../synthetic-ai";
import type { Pipeline } from "../types";

const inputSchema = z.strictObject({
  chapters: z.number().int().min(1).max(5_000),
  sections: z.number().int().min(1).max(100),
  paragraphs: z.number().int().min(1).max(100),
  aiUrl: loopbackUrlSchema.optional(),
});
type FanoutInput = z.infer<typeof inputSchema>;

const GENERATORS = ["article", "script", "script-json"] as const;
const pad = (n: number) => String(n).padStart(2, "0");
const sectionId = (c: number, s: number) => `ch${pad(c)}/s${pad(s)}`;

const aiOnly = z.strictObject({ aiUrl: loopbackUrlSchema.optional() });
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
    const text = await callSyntheticAi(ctx, input.aiUrl, `structure of ${base}`);
    const generators: NodeSpec[] = [];
    for (let p = 1; p <= input.paragraphs; p++) {
      for (const kind of GENERATORS) {
        const genInput: z.input<typeof generatorInputSchema> = {
          kind,
          ...(input.aiUrl ? { aiUrl: input.aiUrl } : {}),
        };
        generators.push({ id: `${base}/p${pad(p)}/${kind}`, handler: "generate", input: genInput });
      }
    }
    const join: NodeSpec = { id: `${base}/join`, kind: "barrier", deps: generators.map((g) => g.id) };
    return { output: { text }, spawn: [...generators, join] };
  },
});

const generate = defineStep({
  input: generatorInputSchema,
  output: textOutputSchema,
  async run(ctx) {
    const { kind, aiUrl } = ctx.node.input;
    return { output: { text: await callSyntheticAi(ctx, aiUrl, `${kind} for ${ctx.node.id}`) } };
  },
});

const metadata = defineStep({
  input: aiOnly,
  output: textOutputSchema,
  async run(ctx) {
    return {
      output: { text: await callSyntheticAi(ctx, ctx.node.input.aiUrl, `metadata for ${ctx.node.id}`) },
    };
  },
});

function build(input: FanoutInput): NodeSpec[] {
  const nodes: NodeSpec[] = [];
  const ai = input.aiUrl ? { aiUrl: input.aiUrl } : {};
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
