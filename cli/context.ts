/**
 * What every command needs: the API client (server and key from the environment or the config
 * file, resolved only when a command talks to the server) and how to show live output.
 */
import { ApiClient } from "./api-client.ts";
import { resolveSettings } from "./config.ts";
import type { FollowOptions } from "./live/follow-run.ts";

export type GlobalOptions = { json?: boolean };

export async function client(): Promise<ApiClient> {
  const settings = await resolveSettings();
  return new ApiClient(settings.url, settings.key);
}

/** `--json` → JSON lines; a terminal → progress bars; anything else → plain lines. */
export function display(options: GlobalOptions): FollowOptions["display"] {
  if (options.json) return "json";
  return process.stdout.isTTY ? "bars" : "plain";
}

/** Reviews are answered in the terminal only when a person is at one (both ends are TTYs). */
export function canPrompt(options: GlobalOptions): boolean {
  return !options.json && Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** Prints data for scripts: JSON with --json, else the human text. */
export function emit(options: GlobalOptions, data: unknown, human: () => void): void {
  if (options.json) process.stdout.write(`${JSON.stringify(data)}\n`);
  else human();
}
