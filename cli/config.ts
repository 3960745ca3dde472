/**
 * Where the CLI finds its server and key: TSUMUGI_URL / TSUMUGI_API_KEY win, else the file
 * `tsumugi login` wrote to the user's config folder ($XDG_CONFIG_HOME/tsumugi or
 * ~/.config/tsumugi). The file holds a secret, so it is created owner-only (0600 in a 0700 folder)
 * and re-tightened when written; the key is never printed back.
 */
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { CliError, EXIT } from "./errors.ts";

const storedConfigSchema = z.object({ url: z.url(), key: z.string().min(1) });
export type StoredConfig = z.infer<typeof storedConfigSchema>;
export type Settings = StoredConfig & { source: "environment" | "config file" | "mixed" };

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(homedir(), ".config");
  return join(base, "tsumugi");
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), "config.json");
}

export async function readStoredConfig(env: NodeJS.ProcessEnv = process.env): Promise<StoredConfig | null> {
  let text: string;
  try {
    text = await readFile(configPath(env), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = storedConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError(
      `The config file ${configPath(env)} is not valid`,
      EXIT.usage,
      "Run `tsumugi login` again to rewrite it.",
    );
  }
  return parsed.data;
}

export async function writeStoredConfig(config: StoredConfig, env: NodeJS.ProcessEnv = process.env) {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode does not change a folder that already exists.
  await chmod(dir, 0o700);
  // Written beside and renamed, so a crash never leaves half a file; 0600 from its first byte.
  const temp = join(dir, `.config.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify(storedConfigSchema.parse(config), null, 2)}\n`, { mode: 0o600 });
  await rename(temp, configPath(env));
}

/** The server and key to use, or a CliError saying how to provide them. */
export async function resolveSettings(env: NodeJS.ProcessEnv = process.env): Promise<Settings> {
  const envUrl = env.TSUMUGI_URL?.trim();
  const envKey = env.TSUMUGI_API_KEY?.trim();
  const stored = envUrl && envKey ? null : await readStoredConfig(env);
  const url = envUrl || stored?.url;
  const key = envKey || stored?.key;
  if (!url || !key) {
    throw new CliError(
      `No ${!url ? "server URL" : "API key"} configured`,
      EXIT.unreachable,
      "Run `tsumugi login --url http://localhost:8787` (it asks for the key), or set TSUMUGI_URL and TSUMUGI_API_KEY.",
    );
  }
  const source = !stored ? "environment" : envUrl || envKey ? "mixed" : "config file";
  return { url, key, source };
}
