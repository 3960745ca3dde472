/** The program pipeline's step outputs: the spec, the generated files, and the code step's record. */
import { z } from "zod";
import { sourceSchema } from "../generators/knowledge";
import { sandboxReportSchema } from "../../sandbox/report";

export const programSpecSchema = z.strictObject({
  title: z.string().min(1).max(200),
  summary: z.string().min(1).max(2_000),
  modules: z
    .array(
      z.strictObject({
        path: z.string().regex(/^lib\/[a-z0-9][a-z0-9-]*\.js$/, "lib/<name>.js"),
        purpose: z.string().min(1).max(1_000),
        exports: z
          .array(
            z.strictObject({
              name: z.string().regex(/^[A-Za-z_$][\w$]*$/),
              signature: z.string().min(1).max(300),
              description: z.string().min(1).max(1_000),
            }),
          )
          .min(1)
          .max(20),
      }),
    )
    .min(1)
    .max(10),
  behaviours: z.array(z.string().min(1).max(500)).min(1).max(40),
  assumptions: z.array(z.string().min(1).max(500)).max(20),
  sources: z.array(sourceSchema).max(20).default([]),
});
export type ProgramSpec = z.output<typeof programSpecSchema>;

/** A generated file: a module under lib/ or a test under test/ (the sandbox adds testkit.js). */
export const programFileSchema = z.strictObject({
  path: z
    .string()
    .regex(
      /^(lib\/[a-z0-9][a-z0-9-]*\.js|test\/[a-z0-9][a-z0-9-]*\.test\.js)$/,
      "lib/<name>.js or test/<name>.test.js",
    ),
  content: z.string().max(50_000),
});
export type ProgramFile = z.infer<typeof programFileSchema>;

/** What the model answers each round: every file, complete. */
export const programFilesSchema = z.strictObject({
  files: z
    .array(programFileSchema)
    .min(2)
    .max(20)
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, "file paths must be unique")
    .refine((files) => files.some((f) => f.path.startsWith("test/")), "at least one test file"),
  notes: z.string().max(2_000).default(""),
});
export type ProgramFiles = z.output<typeof programFilesSchema>;

export const fixRoundSchema = z.strictObject({
  round: z.number().int().min(1),
  outcome: sandboxReportSchema.shape.outcome,
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Files this round changed, and the diff against the round before (round 1: against the last version). */
  changed: z.array(z.string()),
  diff: z.string(),
  durationMs: z.number().int().min(0),
});

export const programCodeSchema = z.strictObject({
  files: programFilesSchema.shape.files,
  notes: z.string(),
  /** `passing`: every test passed in the sandbox; `failing`: not after the fix rounds. */
  status: z.enum(["passing", "failing"]),
  /** The last sandbox run. */
  report: sandboxReportSchema,
  rounds: z.array(fixRoundSchema).min(1),
  /** This version against the version before it ("" for the first version). */
  diff: z.string(),
});
export type ProgramCode = z.output<typeof programCodeSchema>;
