/**
 * npm run test:readme — the README's examples, run as written against a fresh `npm start`.
 *
 * Every ```sh block of README.md runs in bash (`set -euo pipefail`) with $KEY set to the key
 * `npm start` printed, in a scratch folder that sees the repository's samples/. Blocks that
 * install, start the server, run the test suite or deploy are fenced ```sh no-test: they are
 * only syntax-checked (bash -n). curl fails on an HTTP error status here (a .curlrc with
 * fail-with-body), so an example that answers 4xx/5xx fails the test, as it would fail a reader.
 * The only change to a block is the port: README_TEST_PORT (default 8787) replaces 8787.
 * `tsumugi` is on the blocks' PATH as after `npm install -g .` (the checkout's cli/bin), with its
 * config folder (XDG_CONFIG_HOME) in the scratch folder, so `tsumugi login` leaves no trace.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

type Block = { line: number; info: string; code: string };

const port = process.env.README_TEST_PORT ?? "8787";
const BLOCK_TIMEOUT_MS = 300_000;

export function shellBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(sh\b.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && lines[i] !== "```") body.push(lines[i]!);
    blocks.push({ line: start + 1, info: open[1]!.trim(), code: body.join("\n") });
  }
  return blocks;
}

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code: code ?? 1, output });
    });
  });
}

/** `npm start` on a fresh state folder; resolves with the key it printed. */
async function startServer(state: string) {
  const server = spawn("npm", ["start", "--", "--persist-to", state], {
    env: { ...process.env, PORT: port },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping it also stops wrangler and workerd.
    detached: true,
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 180_000;
  while (!output.includes("Tsumugi is running")) {
    if (Date.now() > deadline || server.exitCode !== null) {
      stop();
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const key = /export KEY=(\S+)/.exec(output)?.[1];
  if (!key) {
    stop();
    throw new Error(`npm start printed no first-time key:\n${output}`);
  }
  return { key, output, stop };
}

async function main() {
  const blocks = shellBlocks(await readFile("README.md", "utf8"));
  const scratch = await mkdtemp(join(tmpdir(), "tsumugi-readme-"));
  await symlink(resolve("samples"), join(scratch, "samples"));
  await mkdir(join(scratch, "bin"));
  await symlink(resolve("cli/bin/tsumugi.js"), join(scratch, "bin", "tsumugi"));
  await writeFile(join(scratch, ".curlrc"), "fail-with-body\nshow-error\n");
  const server = await startServer(join(scratch, "state"));
  console.log(
    `npm start (fresh state, port ${port}) printed:\n${server.output.trim().replace(/tsu_\S+/g, "tsu_…")}\n`,
  );
  let failed = 0;
  try {
    for (const block of blocks) {
      const runnable = block.info === "sh";
      const code = block.code.replaceAll("8787", port);
      const started = Date.now();
      const result = runnable
        ? await run("bash", ["-euo", "pipefail", "-c", code], {
            cwd: scratch,
            env: {
              ...process.env,
              KEY: server.key,
              CURL_HOME: scratch,
              PATH: `${join(scratch, "bin")}:${process.env.PATH}`,
              XDG_CONFIG_HOME: join(scratch, "config"),
            },
            timeoutMs: BLOCK_TIMEOUT_MS,
          })
        : await run("bash", ["-n", "-c", code], { timeoutMs: 10_000 });
      const what = runnable ? `ran in ${Date.now() - started} ms` : "syntax only (no-test)";
      if (result.code === 0) {
        console.log(`ok   README.md:${block.line} ${what}`);
      } else {
        failed++;
        console.log(
          `FAIL README.md:${block.line} exit ${result.code}\n${code}\n--- output ---\n${result.output}`,
        );
      }
    }
  } finally {
    server.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await rm(scratch, { recursive: true, force: true });
  }
  const ran = blocks.filter((b) => b.info === "sh").length;
  console.log(
    `\n${blocks.length - failed} of ${blocks.length} README blocks ok (${ran} run, ${blocks.length - ran} syntax-checked)`,
  );
  if (failed > 0) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
