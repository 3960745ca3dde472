/**
 * `program` — a brief becomes a small JavaScript program with its own tests, in two reviewed
 * phases: spec → code (tests run in the sandbox, failures fixed in a bounded loop). In `dialog`
 * mode (the run option) every gate waits for a person; in `auto` mode each gate is answered
 * without one. See README.md in this folder.
 */
import type { NodeSpec } from "../../engine/types";
import type { Pipeline } from "../types";
import { briefTitle } from "./offline";
import { programInputSchema, type ProgramInput } from "./input";
import { codeStep } from "./steps/code";
import { specStep } from "./steps/spec";

export const PROGRAM_PHASES = ["spec", "code"] as const;

function build(input: ProgramInput): NodeSpec[] {
  return [
    { id: "spec", handler: "spec", input, title: "1 · Spec" },
    { id: "spec/review", kind: "gate", reviews: "spec", title: "Review: 1 · Spec" },
    {
      id: "code",
      handler: "code",
      input: { brief: input.brief },
      deps: ["spec/review"],
      title: "2 · Code and tests",
    },
    { id: "code/review", kind: "gate", reviews: "code", title: "Review: 2 · Code and tests" },
  ];
}

export const programPipeline: Pipeline<ProgramInput> = {
  name: "program",
  description:
    "A brief becomes a small JavaScript program whose tests run in a sandbox, fixed in a bounded loop",
  inputSchema: programInputSchema,
  build,
  title: (input) => `program: ${briefTitle(input.brief, input.title)}`,
  handlers: { spec: specStep, code: codeStep },
};
