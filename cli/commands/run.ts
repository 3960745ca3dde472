/**
 * `tsumugi run <pipeline> [source]`: starts a run and follows it live (unless --detach).
 * book: a file, folder or upload id; manga: a story file; page / program: a brief (a file, or the
 * text itself); any other pipeline: its input as JSON (--input). --mode, --concurrency and
 * --budget become the run's options; a server that does not know one says so.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { InvalidArgumentError, Option, type Command } from "commander";
import type { CreateWorkflow } from "../../workers/protocol/workflows.ts";
import { createdWorkflowSchema } from "../../workers/protocol/workflows.ts";
import { UPLOAD_ID_PATTERN } from "../../workers/protocol/uploads.ts";
import type { ApiClient } from "../api-client.ts";
import { canPrompt, client, display, emit, type GlobalOptions } from "../context.ts";
import { CliError, EXIT } from "../errors.ts";
import { exitCodeOf, followRun } from "../live/follow-run.ts";
import { cleanLine, info, out, readStdin } from "../output.ts";
import { printUpload, uploadPath } from "./upload.ts";
import { printFinal } from "./watch.ts";

type RunFlags = {
  mode?: "dialog" | "auto";
  concurrency?: number;
  budget?: number;
  title?: string;
  input?: string;
  detach?: boolean;
  review: boolean;
};

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number of at least 1");
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("a number above 0 (US dollars)");
  return n;
}

async function textOf(source: string): Promise<string> {
  if (source === "-") return readStdin();
  if (!existsSync(source))
    throw new CliError(
      `No such file: ${source}`,
      EXIT.usage,
      "Give the path of a text file, or - for standard input.",
    );
  return readFile(source, "utf8");
}

async function extraInput(flag: string | undefined): Promise<Record<string, unknown>> {
  if (!flag) return {};
  const text = flag.startsWith("@") ? await readFile(flag.slice(1), "utf8") : flag;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError("--input is not JSON", EXIT.usage, `Give a JSON object, or @file.json.`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json))
    throw new CliError("--input must be a JSON object", EXIT.usage);
  return json as Record<string, unknown>;
}

/** The pipeline's input from the positional source. */
async function inputFor(api: ApiClient, pipeline: string, source: string | undefined, json: boolean) {
  const need = (what: string) => {
    if (!source)
      throw new CliError(
        `run ${pipeline} needs ${what}`,
        EXIT.usage,
        `e.g. tsumugi run ${pipeline} ${what === "a brief" ? '"a landing page for …"' : "<path>"}`,
      );
    return source;
  };
  switch (pipeline) {
    case "book": {
      const from = need("a book (file, folder or upload id)");
      if (UPLOAD_ID_PATTERN.test(from)) return { upload: from };
      const upload = await uploadPath(api, from);
      if (!json) printUpload(upload, info);
      return { upload: upload.id };
    }
    case "manga":
      return { story: await textOf(need("a story file")) };
    case "page":
    case "program": {
      const brief = need("a brief");
      return { brief: existsSync(brief) ? await readFile(brief, "utf8") : brief };
    }
    default:
      if (source) throw new CliError(`run ${pipeline} takes its input as --input '<json>'`, EXIT.usage);
      return {};
  }
}

export function registerRun(program: Command): void {
  program
    .command("run <pipeline> [source]")
    .description(
      "start a run (book <file|dir|upload-id>, manga <story.txt>, page|program <brief>) and follow it",
    )
    .addOption(
      new Option("--mode <mode>", "who answers review gates: dialog (you) or auto").choices([
        "dialog",
        "auto",
      ]),
    )
    .option("--concurrency <n>", "steps in flight at once", positiveInt)
    .option("--budget <usd>", "stop the run when it has spent this much", positiveNumber)
    .option("--title <title>", "the run's title")
    .option("--input <json>", "more pipeline input as a JSON object (or @file.json)")
    .option("-d, --detach", "print the run id and return at once")
    .option("--no-review", "do not prompt at review gates (answer them with `tsumugi review`)")
    .action(async (pipeline: string, source: string | undefined, flags: RunFlags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & RunFlags>();
      const api = await client();
      const input = {
        ...(await inputFor(api, pipeline, source, Boolean(options.json))),
        ...(await extraInput(flags.input)),
      };
      const runOptions: NonNullable<CreateWorkflow["options"]> & { mode?: string; budgetUsd?: number } = {};
      if (flags.concurrency) runOptions.concurrency = flags.concurrency;
      if (flags.mode) runOptions.mode = flags.mode;
      if (flags.budget) runOptions.budgetUsd = flags.budget;
      const body = {
        pipeline,
        input,
        ...(Object.keys(runOptions).length ? { options: runOptions } : {}),
        ...(flags.title ? { title: flags.title } : {}),
      };
      const created = await api.json(createdWorkflowSchema, "/v1/workflows", { method: "POST", json: body });
      if (flags.detach) {
        emit(options, created, () => out(created.id));
        return;
      }
      if (!options.json) info(`Started ${created.id}: ${cleanLine(created.title)} (${created.pipeline})`);
      const run = await followRun(api, created.id, {
        display: display(options),
        review: flags.review && canPrompt(options),
        title: created.pipeline,
        since: 0,
      });
      if (!options.json) printFinal(run);
      process.exitCode = exitCodeOf(run);
    });
}
