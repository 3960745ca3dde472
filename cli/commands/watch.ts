/** `tsumugi watch <id>` and `tsumugi review <id>`: follow a run live; answer its gates in a terminal. */
import type { Command } from "commander";
import type { RunSummary } from "../../workers/protocol/live.ts";
import { workflowDetailSchema, workflowIdSchema } from "../../workers/protocol/workflows.ts";
import { canPrompt, client, display, type GlobalOptions } from "../context.ts";
import { CliError, EXIT } from "../errors.ts";
import { exitCodeOf, followRun } from "../live/follow-run.ts";
import { progressText } from "../live/views.ts";
import { cleanLine, info } from "../output.ts";

export function runId(value: string): string {
  if (!workflowIdSchema.safeParse(value).success)
    throw new CliError(
      `"${value}" is not a run id`,
      EXIT.usage,
      "Run ids look like wf_ and 32 hex digits; `tsumugi runs` lists yours.",
    );
  return value;
}

/** What to do about a run stopped at its budget. */
export function budgetHint(id: string, spentUsd: number): string {
  return `The run stopped at its budget after spending $${spentUsd.toFixed(4)}: go on with \`tsumugi resume ${id} --budget <usd>\` (a higher total budget).`;
}

export function printFinal(run: RunSummary): void {
  info(
    `Run ${run.id} ${run.status}: ${progressText(run.progress)}${run.error ? ` · ${cleanLine(run.error)}` : ""}`,
  );
  if (run.status === "budget_exhausted") info(budgetHint(run.id, run.progress.costUsd));
  else if (run.status !== "completed")
    info(`Details: tsumugi status ${run.id}; retry failed steps: tsumugi retry ${run.id}`);
  else info(`Files: tsumugi export ${run.id}`);
}

async function follow(id: string, options: GlobalOptions, review: boolean): Promise<void> {
  const api = await client();
  // One plain request first: a wrong id or key fails here with its clear answer.
  const detail = await api.json(workflowDetailSchema, `/v1/workflows/${runId(id)}`);
  const run = await followRun(api, detail.id, { display: display(options), review, title: detail.pipeline });
  if (!options.json) printFinal(run);
  process.exitCode = exitCodeOf(run);
}

export function registerWatch(program: Command): void {
  program
    .command("watch <id>")
    .description("follow a run live until it finishes (progress bars in a terminal, lines otherwise)")
    .option("--no-review", "only watch: do not prompt at review gates")
    .action(async (id: string, flags: { review: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await follow(id, options, flags.review && canPrompt(options));
    });
  program
    .command("review <id>")
    .description("answer a run's review gates in the terminal as they open, until it finishes")
    .action(async (id: string, _flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (!canPrompt(options))
        throw new CliError(
          "review needs a terminal to prompt in",
          EXIT.usage,
          "From a script, POST /v1/workflows/<id>/reviews/<gate> (see the README), or run this in a terminal.",
        );
      await follow(id, options, true);
    });
}
