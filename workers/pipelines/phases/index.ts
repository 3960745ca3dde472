/**
 * `phases` — a synthetic linear pipeline with a review gate after every phase, for tests and
 * demos of human review: phase 1 → gate → phase 2 → gate → … Each phase is one "AI call" that
 * sees the previous phase's current output and any reviewer feedback.
 */
import { z } from "zod";
import { putArtifact } from "../../engine/artifacts";
import type { NodeSpec } from "../../engine/types";
import { runKeys } from "../../storage/run-keys";
import { defineStep } from "../define-step";
import { callSyntheticAi, loopbackUrlSchema } from "../synthetic-ai";
import type { Pipeline } from "../types";

const inputSchema = z.strictObject({
  text: z.string().min(1).max(10_000),
  phases: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{0,30}$/))
    .min(1)
    .max(10),
  aiUrl: loopbackUrlSchema.optional(),
  /**
   * Scripted drafts for tests of the agent modes: the first N versions of a phase come out
   * marked `[draft]`, which its rule check rejects, e.g. `{ "outline": 1 }` → revise, then approve.
   */
  drafts: z.record(z.string(), z.number().int().min(0).max(10)).optional(),
  /**
   * Scripted prompt variants for tests of the A/B statistics: the variant each phase records as
   * its prompt (`phases/phase`), and what each call reports it cost.
   */
  variants: z.record(z.string(), z.string().min(1).max(50)).optional(),
  costPerCallUsd: z.number().min(0).max(1).optional(),
});
type PhasesInput = z.infer<typeof inputSchema>;
const phaseInputSchema = z.strictObject({
  phase: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/),
  /** The phase before this one, whose current output this one builds on. */
  previous: z.string().nullable(),
  text: z.string().min(1).max(10_000),
  aiUrl: loopbackUrlSchema.optional(),
  drafts: z.number().int().min(0).max(10).optional(),
  variant: z.string().min(1).max(50).optional(),
  costPerCallUsd: z.number().min(0).max(1).optional(),
});
type PhaseInput = z.input<typeof phaseInputSchema>;

const DRAFT_MARK = "[draft]";

/** What a phase stores and a reviewer's `edit` must match. */
const phaseOutputSchema = z.strictObject({ phase: z.string(), text: z.string().max(100_000) });

const phase = defineStep({
  input: phaseInputSchema,
  output: phaseOutputSchema,
  async run(ctx) {
    const input = ctx.node.input;
    const before = input.previous ? (await ctx.outputOf(phase, input.previous)).text : input.text;
    const feedback = ctx.node.feedback ? ` (revised: ${ctx.node.feedback})` : "";
    const answer = await callSyntheticAi(ctx, input.aiUrl, `${input.phase} from: ${before}${feedback}`);
    const text = ctx.node.version <= (input.drafts ?? 0) ? `${DRAFT_MARK} ${answer}` : answer;
    const artifact = await putArtifact(ctx.env.BUCKET, {
      key: runKeys.phase(ctx.run.id, input.phase),
      kind: "phase",
      contentType: "text/markdown; charset=utf-8",
      body: `# ${input.phase}\n\n${text}\n`,
    });
    const usage = input.variant
      ? {
          usage: {
            costUsd: input.costPerCallUsd ?? 0,
            prompt: { template: "phases/phase", version: "1.0.0", variant: input.variant },
          },
        }
      : {};
    return { output: { phase: input.phase, text }, artifacts: [artifact], ...usage };
  },
  review: {
    rubric: "a finished phase text that builds on the previous phase",
    check: (output) =>
      output.text.startsWith(DRAFT_MARK) ? [`The ${output.phase} text is still a draft: finish it.`] : [],
  },
});

function build(input: PhasesInput): NodeSpec[] {
  const nodes: NodeSpec[] = [];
  let previousGate: string | null = null;
  let previousPhase: string | null = null;
  for (const name of input.phases) {
    const phaseInput: PhaseInput = {
      phase: name,
      previous: previousPhase,
      text: input.text,
      ...(input.aiUrl ? { aiUrl: input.aiUrl } : {}),
      ...(input.drafts?.[name] ? { drafts: input.drafts[name] } : {}),
      ...(input.variants?.[name] ? { variant: input.variants[name] } : {}),
      ...(input.costPerCallUsd ? { costPerCallUsd: input.costPerCallUsd } : {}),
    };
    nodes.push({ id: name, handler: "phase", input: phaseInput, deps: previousGate ? [previousGate] : [] });
    nodes.push({ id: `${name}/review`, kind: "gate", reviews: name });
    previousGate = `${name}/review`;
    previousPhase = name;
  }
  return nodes;
}

export const phasesPipeline: Pipeline<PhasesInput> = {
  name: "phases",
  description: "Synthetic linear phases, each followed by a review gate",
  inputSchema,
  build,
  title: (input) => `phases: ${input.phases.join(" → ")}`,
  handlers: { phase },
  synthetic: true,
};
