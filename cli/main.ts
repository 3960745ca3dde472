/**
 * The `tsumugi` command line (commander): every command in commands/, one error path here.
 * Exit codes (errors.ts): 0 done / completed, 1 failed or cancelled, 2 usage, 3 server or key.
 */
import { Command, CommanderError } from "commander";
import { registerChat } from "./commands/chat.ts";
import { registerExport } from "./commands/export.ts";
import { registerGateway } from "./commands/gateway.ts";
import { registerKeys } from "./commands/keys.ts";
import { registerLogin } from "./commands/login.ts";
import { registerRun } from "./commands/run.ts";
import { registerRuns } from "./commands/runs.ts";
import { registerUpload } from "./commands/upload.ts";
import { registerWatch } from "./commands/watch.ts";
import { CliError, EXIT } from "./errors.ts";
import { cleanLine } from "./output.ts";

declare const CLI_VERSION: string;

export function buildProgram(): Command {
  const program = new Command("tsumugi")
    .description(
      "Tsumugi from the terminal: upload books, start and follow runs, answer reviews, export.\n" +
        "Server and key: `tsumugi login`, or TSUMUGI_URL and TSUMUGI_API_KEY.",
    )
    .version(typeof CLI_VERSION === "string" ? CLI_VERSION : "dev")
    .option("--json", "machine-readable output: JSON (live runs: one protocol message per line)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerLogin(program);
  registerUpload(program);
  registerRun(program);
  registerRuns(program);
  registerWatch(program);
  registerExport(program);
  registerKeys(program);
  registerGateway(program);
  registerChat(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.exitCode = report(err);
  }
}

function report(err: unknown): number {
  if (err instanceof CommanderError) {
    // Help and version are not errors; commander has printed the usage problem already.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof CliError) {
    process.stderr.write(`tsumugi: ${cleanLine(err.message)}\n`);
    if (err.hint) process.stderr.write(`  ${cleanLine(err.hint)}\n`);
    return err.exitCode;
  }
  const name = (err as Error | undefined)?.name;
  if (name === "ExitPromptError") {
    process.stderr.write(
      "tsumugi: stopped. Open gates stay open: `tsumugi review <id>` to answer them later.\n",
    );
    return EXIT.failed;
  }
  process.stderr.write(
    `tsumugi: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return EXIT.failed;
}
