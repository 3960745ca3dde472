/**
 * The CLI as a script or a person in CI uses it, against `wrangler dev` with the offline provider:
 * upload a corpus book folder (zipped by the CLI), run it to completion, export and check the
 * files against the manifest; --json lines; plain non-TTY output; exit codes and messages for a
 * bad key, an unreachable server and bad arguments; `login` storing the key owner-only.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { serverMessageSchema } from "../../workers/protocol/live.ts";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { CONTROL_CHARACTERS, tsumugi, type CliEnv } from "./support.ts";

const PORT = Number(process.env.CLI_TEST_PORT ?? 8822);
const BOOK = resolve("../shared/corpus/ts-deep-dive-ja");
const noCorpus = existsSync(BOOK) ? false : `no corpus at ${BOOK}`;

let server: DevServer;
let scratch: string;
let env: CliEnv;

before(async () => {
  server = await startDevServer({ port: PORT, inspectorPort: String(PORT + 5) });
  scratch = await mkdtemp(join(tmpdir(), "tsumugi-cli-"));
  env = { TSUMUGI_URL: server.base, TSUMUGI_API_KEY: server.key, XDG_CONFIG_HOME: join(scratch, "config") };
});

after(async () => {
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test(
  "upload, run, export a corpus book folder; --json lines parse; plain output is plain",
  { skip: noCorpus },
  async () => {
    const uploaded = await tsumugi(["upload", BOOK], { env });
    assert.equal(uploaded.code, 0, uploaded.stderr);
    const uploadId = /Uploaded (up_[0-9a-f]{32})/.exec(uploaded.stdout)?.[1];
    assert.ok(uploadId, uploaded.stdout);
    // The table of contents as the split saw it: the GitBook's chapters, numbered.
    assert.match(uploaded.stdout, /gitbook/);
    assert.match(uploaded.stdout, /^\s+1\. .+\(\d+ sections\)$/m);

    // Started and followed to the end as JSON lines: every line is a protocol message. `run`
    // follows from the run's first message, so even a run quicker than the connection is shown
    // step by step, ending with `done`.
    const followed = await tsumugi(["run", "book", uploadId, "--json"], { env, timeoutMs: 300_000 });
    assert.equal(followed.code, 0, followed.stderr);
    const messages = followed.stdout
      .trim()
      .split("\n")
      .map((line) => serverMessageSchema.parse(JSON.parse(line)));
    const last = messages.at(-1);
    assert.equal(last?.type, "done");
    assert.equal(last.run.status, "completed");
    const runId = last.run.id;
    assert.ok(
      messages.some((m) => m.type === "node"),
      "node events were streamed",
    );

    // Not a terminal: plain lines, no escape sequences or carriage returns.
    const plain = await tsumugi(["watch", runId], { env });
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /completed: \d+\/\d+ steps/);
    assert.doesNotMatch(plain.stdout + plain.stderr, CONTROL_CHARACTERS);

    const status = await tsumugi(["status", runId], { env });
    assert.match(status.stdout, /status\s+completed/);
    assert.doesNotMatch(status.stdout, CONTROL_CHARACTERS);

    const listed = await tsumugi(["runs", "--json"], { env });
    assert.ok(JSON.parse(listed.stdout).workflows.some((w: { id: string }) => w.id === runId));

    // Export: every file the manifest lists is on disk with its size.
    const out = join(scratch, "export");
    const exported = await tsumugi(["export", runId, "-o", out], { env });
    assert.equal(exported.code, 0, exported.stderr);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
      files: { path: string; bytes: number }[];
    };
    assert.ok(manifest.files.length > 20, `${manifest.files.length} files in the manifest`);
    for (const file of manifest.files) {
      const path = join(out, file.path);
      assert.ok(existsSync(path), `${file.path} missing from the export`);
      assert.equal(statSync(path).size, file.bytes, file.path);
    }
    // Nothing but the manifest and its files.
    const onDisk = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    assert.equal(onDisk.length, manifest.files.length + 1);
  },
);

test("a bad key exits 3 and says what to do", async () => {
  const result = await tsumugi(["runs"], { env: { ...env, TSUMUGI_API_KEY: "tsu_not_a_real_key" } });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /401 unauthorized/);
  assert.match(result.stderr, /tsumugi login/);
  assert.equal(result.stdout, "");
});

test("an unreachable server exits 3; bad arguments exit 2; an unknown pipeline shows the server's error", async () => {
  const down = await tsumugi(["runs"], { env: { ...env, TSUMUGI_URL: "http://127.0.0.1:9" } });
  assert.equal(down.code, 3);
  assert.match(down.stderr, /Cannot reach the server at http:\/\/127\.0\.0\.1:9/);

  const usage = await tsumugi(["run", "book", "--concurrency", "zero"], { env });
  assert.equal(usage.code, 2);
  const badId = await tsumugi(["status", "nope"], { env });
  assert.equal(badId.code, 2);
  assert.match(badId.stderr, /not a run id/);

  const unknown = await tsumugi(["run", "program", "a tool that counts words", "--detach"], { env });
  if (unknown.code !== 0) {
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown pipeline "program" \(400 unknown_pipeline\)/);
    assert.match(unknown.stderr, /This server runs these pipelines: .*book/);
  }
});

test("login checks the key, stores it owner-only and never prints it", async () => {
  const configHome = join(scratch, "login-config");
  const loginEnv = { XDG_CONFIG_HOME: configHome };
  const bad = await tsumugi(["login", "--url", server.base, "--key-stdin"], {
    env: loginEnv,
    input: "tsu_wrong\n",
  });
  assert.equal(bad.code, 3);
  assert.equal(existsSync(join(configHome, "tsumugi", "config.json")), false);

  const good = await tsumugi(["login", "--url", server.base, "--key-stdin"], {
    env: loginEnv,
    input: `${server.key}\n`,
  });
  assert.equal(good.code, 0, good.stderr);
  assert.ok(!good.stdout.includes(server.key) && !good.stderr.includes(server.key));
  const file = join(configHome, "tsumugi", "config.json");
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(configHome, "tsumugi")).mode & 0o777, 0o700);

  const keys = await tsumugi(["keys"], { env: loginEnv });
  assert.equal(keys.code, 0, keys.stderr);
  assert.match(keys.stdout, /PREFIX/);
  assert.ok(!keys.stdout.includes(server.key));
});
