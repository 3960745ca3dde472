/**
 * `--budget` from the command line: a run started with a small budget stops in
 * `budget_exhausted`; `run` exits 4 and says how to go on, `status` shows the spend against the
 * budget, `resume --budget` raises it and `watch` follows the run to completion (exit 0).
 * The synthetic fanout pipeline prices each of its AI calls at a known cost.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { CONTROL_CHARACTERS, tsumugi, type CliEnv } from "./support.ts";

const PORT = Number(process.env.CLI_TEST_PORT ?? 8822) + 2;

let server: DevServer;
let scratch: string;
let env: CliEnv;

before(async () => {
  server = await startDevServer({ port: PORT, inspectorPort: String(PORT + 5) });
  scratch = await mkdtemp(join(tmpdir(), "tsumugi-cli-budget-"));
  env = { TSUMUGI_URL: server.base, TSUMUGI_API_KEY: server.key, XDG_CONFIG_HOME: join(scratch, "config") };
});

after(async () => {
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test("run --budget stops at the budget (exit 4), resume --budget finishes it", async () => {
  // 1 structure + 3 × 3 generators + 1 metadata = 11 calls at $0.01; the budget covers 4.
  const input = JSON.stringify({ chapters: 1, sections: 1, paragraphs: 3, costPerCallUsd: 0.01 });
  const run = await tsumugi(["run", "fanout", "--input", input, "--budget", "0.045", "--no-review"], {
    env,
    timeoutMs: 120_000,
  });
  assert.equal(run.code, 4, `exit code\n${run.stdout}\n${run.stderr}`);
  const all = run.stdout + run.stderr;
  assert.doesNotMatch(all, CONTROL_CHARACTERS);
  const id = /(wf_[0-9a-f]{32}) budget_exhausted/.exec(all)?.[1];
  assert.ok(id, `the final line names the run and its status:\n${all}`);
  assert.match(all, new RegExp(`tsumugi resume ${id} --budget <usd>`));

  const status = await tsumugi(["status", id], { env });
  assert.equal(status.code, 0);
  assert.match(status.stdout, /status\s+budget_exhausted/);
  assert.match(status.stdout, /cost\s+\$0\.04 of a \$0\.045 budget/);
  assert.match(status.stdout, new RegExp(`next .*tsumugi resume ${id} --budget`));

  const bad = await tsumugi(["resume", id, "--budget", "-1"], { env });
  assert.equal(bad.code, 2);

  const resumed = await tsumugi(["resume", id, "--budget", "1"], { env });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`${id} running`));

  const watched = await tsumugi(["watch", id], { env, timeoutMs: 120_000 });
  assert.equal(watched.code, 0, `${watched.stdout}\n${watched.stderr}`);
  assert.match(watched.stdout + watched.stderr, new RegExp(`${id} completed`));

  const done = await tsumugi(["status", id, "--json"], { env });
  const detail = JSON.parse(done.stdout) as {
    status: string;
    budgetUsd: number;
    progress: { costUsd: number };
  };
  assert.equal(detail.status, "completed");
  assert.equal(detail.budgetUsd, 1);
  assert.ok(Math.abs(detail.progress.costUsd - 0.11) < 1e-9, `spent ${detail.progress.costUsd}`);
});
