/**
 * Phase 3 — the site's files, checked (static-checks.ts) and fixed in a bounded loop: while
 * problems remain, they go back to the model, at most MAX_FIX_ROUNDS times. Problems left after
 * that are shown at the gate (`status: "problems"`), not a step failure. Files are stored per
 * version as plain text (R2 artifacts are never active content); the preview route serves them
 * sandboxed.
 */
import { z } from "zod";
import { putArtifact } from "../../../engine/artifacts";
import type { ArtifactRecord, StepUsage } from "../../../engine/types";
import { defineStep } from "../../define-step";
import { changedPaths, diffFiles } from "../../generators/file-diff-remote";
import { generateJson, sumUsage } from "../../generators/generate-json";
import { renderGeneratorPrompt } from "../../generators/prompts";
import { formatProvenance, promptPick } from "../../prompt-set";
import { pageKeys, previewUrl } from "../keys";
import { offlineSite } from "../offline/site";
import { siteView } from "../previews";
import { siteFilesSchema, siteSchema, type Site, type SiteFile } from "../schemas";
import { checkSite, type Problem } from "../static-checks-remote";
import { planStep } from "./plan";
import { specStep } from "./spec";

export const MAX_FIX_ROUNDS = 3;

export function problemReport(problems: Problem[]): string {
  return [
    `The checks found ${problems.length} problem(s):`,
    ...problems.map((p) => `- ${p.file}${p.line ? `:${p.line}` : ""} [${p.rule}] ${p.message}`),
    "Fix them all and answer with every file, complete.",
  ].join("\n");
}

const CONTENT_TYPES: Record<string, string> = { html: "text/html", css: "text/css", js: "text/javascript" };
export const contentTypeOf = (path: string) =>
  `${CONTENT_TYPES[path.split(".").pop() ?? ""] ?? "text/plain"}; charset=utf-8`;

export const siteStep = defineStep({
  input: z.strictObject({}),
  output: siteSchema,
  async run(ctx) {
    const spec = await ctx.outputOf(specStep, "spec");
    const plan = await ctx.outputOf(planStep, "plan");
    const previous = await ctx.revisedOutput();
    const prompt = renderGeneratorPrompt("page/files", promptPick(ctx), {
      spec: JSON.stringify(spec, null, 2),
      plan: JSON.stringify(plan, null, 2),
    });
    const fallback = offlineSite(spec);
    const usages: StepUsage[] = [];
    let files: SiteFile[] = previous?.files ?? [];
    let problems: Problem[] | undefined;
    const rounds: Site["rounds"] = [];
    for (let round = 1; round <= 1 + MAX_FIX_ROUNDS; round++) {
      const out = await generateJson(ctx, prompt, siteFilesSchema, fallback, {
        ...(problems ? { followUp: problemReport(problems) } : {}),
        maxTokens: 16_000,
      });
      usages.push(out.usage);
      const before = files;
      files = out.value.files;
      problems = await checkSite(files);
      rounds.push({
        round,
        problems: problems.length,
        changed: changedPaths(before, files),
        diff: await diffFiles(before, files),
      });
      if (problems.length === 0) break;
    }
    const usage = sumUsage(usages);
    const meta = {
      promptVersion: formatProvenance(prompt),
      ...(usage.provider ? { provider: usage.provider } : {}),
      ...(usage.model ? { model: usage.model } : {}),
    };
    const artifacts: ArtifactRecord[] = [];
    for (const file of files)
      artifacts.push(
        await putArtifact(ctx.env.BUCKET, {
          key: pageKeys.file(ctx.run.id, ctx.node.version, file.path),
          kind: "page_file",
          contentType: "text/plain; charset=utf-8",
          body: file.content,
          ...meta,
        }),
      );
    return {
      output: {
        files,
        status: problems!.length ? ("problems" as const) : ("clean" as const),
        problems: problems!,
        rounds,
        diff: previous ? await diffFiles(previous.files, files) : "",
        previewUrl: previewUrl(ctx.run.id),
      },
      usage,
      artifacts,
    };
  },
  preview: siteView,
});
