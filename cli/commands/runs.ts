/** `tsumugi runs`, `status <id>`, `pause|resume|cancel|retry <id>`: the runs of your tenant. */
import type { Command } from "commander";
import { RUN_STATUSES, runSummarySchema } from "../../workers/protocol/live.ts";
import {
  CONTROL_ACTIONS,
  workflowDetailSchema,
  workflowListSchema,
} from "../../workers/protocol/workflows.ts";
import { client, emit, type GlobalOptions } from "../context.ts";
import { progressText } from "../live/views.ts";
import { cleanLine, out, table, usd, when } from "../output.ts";
import { positiveInt, positiveNumber } from "./run.ts";
import { budgetHint, runId } from "./watch.ts";

export function registerRuns(program: Command): void {
  program
    .command("runs")
    .description("list your runs, newest first")
    .option("--status <status>", `only runs in this status (${RUN_STATUSES.join(", ")})`)
    .option("--pipeline <name>", "only runs of this pipeline")
    .option("--limit <n>", "how many", positiveInt, 20)
    .option("--cursor <cursor>", "the next page (printed under a full page)")
    .action(
      async (
        flags: { status?: string; pipeline?: string; limit: number; cursor?: string },
        command: Command,
      ) => {
        const options = command.optsWithGlobals<GlobalOptions>();
        const page = await (
          await client()
        ).json(workflowListSchema, "/v1/workflows", {
          query: { status: flags.status, pipeline: flags.pipeline, limit: flags.limit, cursor: flags.cursor },
        });
        emit(options, page, () => {
          if (page.workflows.length === 0)
            return out("No runs yet: start one with `tsumugi run book <folder>`.");
          out(
            table([
              ["ID", "PIPELINE", "STATUS", "STEPS", "COST", "CREATED", "TITLE"],
              ...page.workflows.map((w) => [
                w.id,
                w.pipeline,
                w.status,
                `${w.nodes.done}/${w.nodes.total}`,
                usd(w.costUsd),
                when(w.createdAt),
                w.title ?? "",
              ]),
            ]),
          );
          if (page.nextCursor) out(`More: tsumugi runs --cursor ${page.nextCursor}`);
        });
      },
    );

  program
    .command("status <id>")
    .description("a run now: status, progress, node counts, tokens, cost, first failures")
    .action(async (id: string, _flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const path = `/v1/workflows/${runId(id)}`;
      const run = await (await client()).json(workflowDetailSchema, path);
      emit(options, run, () => {
        out(`${run.id}  ${cleanLine(run.title)}`);
        out(`pipeline  ${run.pipeline}`);
        out(`status    ${run.status}${run.error ? ` (${cleanLine(run.error)})` : ""}`);
        out(
          `progress  ${progressText(run.progress)}${run.progress.waitingReview ? ` · ${run.progress.waitingReview} waiting for review` : ""}`,
        );
        out(
          `nodes     ${Object.entries(run.nodes)
            .map(([s, n]) => `${s} ${n}`)
            .join(", ")}`,
        );
        out(`tokens    ${run.tokens.in} in, ${run.tokens.out} out`);
        out(
          `cost      ${usd(run.progress.costUsd)}${run.budgetUsd !== null ? ` of a $${run.budgetUsd} budget` : ""}`,
        );
        out(`created   ${when(run.createdAt)}   finished ${when(run.finishedAt)}`);
        for (const f of run.failures) out(`failed    ${cleanLine(f.nodeId)}: ${cleanLine(f.error)}`);
        if (run.status === "budget_exhausted") out(`next      ${budgetHint(run.id, run.progress.costUsd)}`);
      });
    });

  for (const action of CONTROL_ACTIONS) {
    const what = {
      pause: "stop dispatching new steps (running ones finish)",
      resume: "go on after a pause, or after the run's budget ran out (with --budget)",
      cancel: "end the run",
      retry: "run the failed, blocked and cancelled steps of a finished run again",
    }[action];
    const control = program.command(`${action} <id>`).description(what);
    if (action === "resume")
      control.option(
        "--budget <usd>",
        "the run's new total budget in USD (after budget_exhausted)",
        positiveNumber,
      );
    control.action(async (id: string, flags: { budget?: number }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const run = await (
        await client()
      ).json(runSummarySchema, `/v1/workflows/${runId(id)}/${action}`, {
        method: "POST",
        ...(flags.budget !== undefined ? { json: { budgetUsd: flags.budget } } : {}),
      });
      emit(options, run, () => out(`${run.id} ${run.status}: ${progressText(run.progress)}`));
    });
  }
}
