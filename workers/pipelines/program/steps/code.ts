/**
 * Phase 2 — the program and its tests, tested in the sandbox, fixed in a bounded loop: the model
 * writes every file; the tests run in a fresh isolate (workers/sandbox); while any fails, the
 * failing output goes back to the model, at most MAX_FIX_ROUNDS times. Tests still failing after
 * that are not a step failure: the version is stored as `failing` and the person (or the critic)
 * decides at the gate. Each version's files and test report are stored in R2.
 */
import { z } from "zod";
import { putArtifact } from "../../../engine/artifacts";
import type { ArtifactRecord, StepUsage } from "../../../engine/types";
import { runTestsInSandbox } from "../../../sandbox/run-in-sandbox";
import type { SandboxReport } from "../../../sandbox/report";
import { defineStep } from "../../define-step";
import { changedPaths, diffFiles } from "../../generators/file-diff-remote";
import { generateJson, sumUsage } from "../../generators/generate-json";
import { renderGeneratorPrompt } from "../../generators/prompts";
import { promptPick } from "../../prompt-set";
import { programKeys } from "../keys";
import { offlineProgramFiles } from "../offline";
import { codeView } from "../previews";
import { programCodeSchema, programFilesSchema, type ProgramFile, type ProgramCode } from "../schemas";
import { specStep } from "./spec";

/** Fix rounds after the first draft (each: one model call and one sandbox run). */
export const MAX_FIX_ROUNDS = 3;

export const codeInputSchema = z.strictObject({ brief: z.string() });

const listing = (files: ProgramFile[]) =>
  files.length ? files.map((f) => `// file: ${f.path}\n${f.content}`).join("\n\n") : "(none yet)";

/** The failing tests, as the model sees them in a fix round. */
export function failureReport(report: SandboxReport): string {
  if (report.error) return `The sandbox could not run the tests: ${report.error}`;
  const failing = report.results.filter((r) => r.status !== "passed");
  return [
    `Test results: ${report.passed} passed, ${report.failed} failed.`,
    ...failing.map((r) => `- ${r.file} › ${r.name}: ${r.status}\n${r.output}`),
    "Fix the code (or a wrong test) and answer with every file, complete.",
  ].join("\n");
}

export const codeStep = defineStep({
  input: codeInputSchema,
  output: programCodeSchema,
  async run(ctx) {
    const spec = await ctx.outputOf(specStep, "spec");
    const previous = await ctx.revisedOutput();
    const specJson = JSON.stringify(spec, null, 2);
    const usages: StepUsage[] = [];
    let promptVersion = "";
    let files: ProgramFile[] = previous?.files ?? [];
    let notes = "";
    let report: SandboxReport | undefined;
    const rounds: ProgramCode["rounds"] = [];

    for (let round = 1; round <= 1 + MAX_FIX_ROUNDS; round++) {
      const prompt = renderGeneratorPrompt("program/code", promptPick(ctx), {
        spec: specJson,
        files: listing(files),
      });
      const out = await generateJson(
        ctx,
        prompt,
        programFilesSchema,
        offlineProgramFiles(ctx.node.input.brief, round),
        report ? { followUp: failureReport(report) } : {},
      );
      usages.push(out.usage);
      promptVersion = out.promptVersion;
      const before = files;
      files = out.value.files;
      notes = out.value.notes;
      report = await runTestsInSandbox(ctx.env.LOADER, files);
      rounds.push({
        round,
        outcome: report.outcome,
        passed: report.passed,
        failed: report.failed,
        changed: changedPaths(before, files),
        diff: await diffFiles(before, files),
        durationMs: report.durationMs,
      });
      if (report.outcome === "ok") break;
    }
    const last = report!;
    const usage = sumUsage(usages);
    const meta = {
      promptVersion,
      ...(usage.provider ? { provider: usage.provider } : {}),
      ...(usage.model ? { model: usage.model } : {}),
    };
    const version = ctx.node.version;
    const artifacts: ArtifactRecord[] = [];
    // Stored as plain text: R2 artifacts are never served as active content (engine/artifacts.ts).
    for (const file of files)
      artifacts.push(
        await putArtifact(ctx.env.BUCKET, {
          key: programKeys.file(ctx.run.id, version, file.path),
          kind: "program_file",
          contentType: "text/plain; charset=utf-8",
          body: file.content,
          ...meta,
        }),
      );
    artifacts.push(
      await putArtifact(ctx.env.BUCKET, {
        key: programKeys.report(ctx.run.id, version),
        kind: "program_test_report",
        contentType: "application/json",
        body: JSON.stringify({ version, rounds: rounds.length, ...last }, null, 2),
        ...meta,
      }),
    );
    return {
      output: {
        files,
        notes,
        status: last.outcome === "ok" ? ("passing" as const) : ("failing" as const),
        report: last,
        rounds,
        diff: previous ? await diffFiles(previous.files, files) : "",
      },
      usage,
      artifacts,
    };
  },
  preview: codeView,
});
