/** `tsumugi login`: checks a server URL and key, then stores them owner-only for later commands. */
import type { Command } from "commander";
import { password } from "@inquirer/prompts";
import { keyListSchema } from "../../workers/protocol/keys.ts";
import { ApiClient } from "../api-client.ts";
import { configPath, writeStoredConfig } from "../config.ts";
import { CliError, EXIT } from "../errors.ts";
import { info, readStdin } from "../output.ts";

export function registerLogin(program: Command): void {
  program
    .command("login")
    .description("store the server URL and an API key in your config folder (owner-only)")
    .option("--url <url>", "the server", process.env.TSUMUGI_URL ?? "http://localhost:8787")
    .option("--key-stdin", "read the key from standard input instead of asking")
    .action(async (opts: { url: string; keyStdin?: boolean }) => {
      let key: string;
      if (opts.keyStdin) key = (await readStdin()).trim();
      else if (process.stdin.isTTY) key = (await password({ message: "API key (tsu_…)", mask: true })).trim();
      else
        throw new CliError(
          "No terminal to ask for the key",
          EXIT.usage,
          "Pipe it in with --key-stdin, e.g. `printenv KEY | tsumugi login --url … --key-stdin`.",
        );
      if (!key) throw new CliError("The key is empty", EXIT.usage);
      const client = new ApiClient(opts.url, key);
      // Proves both the URL and the key before anything is written.
      const { keys } = await client.json(keyListSchema, "/v1/keys");
      const url = client.base.href.replace(/\/$/, "");
      await writeStoredConfig({ url, key });
      const prefix = keys.find((k) => key.startsWith(k.prefix))?.prefix;
      info(
        `Logged in to ${url}${prefix ? ` with key ${prefix}…` : ""}; saved in ${configPath()} (mode 0600).`,
      );
    });
}
