/**
 * Terminal review, driven as a person would: `tsumugi run manga` in dialog mode runs in a real
 * pseudo-terminal (tmux), keys are sent to its prompts and the screen is read back. At the concept
 * gate an edit the server refuses (its schema error is shown) is corrected in the editor and
 * accepted; at the characters gate a revision is asked for with feedback from $EDITOR; every
 * other gate is approved, and the run completes. The run's nodes prove what the server received.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { nodeDetailSchema } from "../../workers/protocol/workflows.ts";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { BIN, systemNode } from "./support.ts";

const PORT = Number(process.env.CLI_TEST_PORT ?? 8822) + 1;
const STORY = resolve("samples/manga/umibe-no-tegami.md");
const TMUX_SOCKET = `tsumugi-cli-test-${process.pid}`;

function hasTmux(): boolean {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const noTmux = hasTmux() ? false : "tmux is not installed (apt-get install tmux)";

let server: DevServer;
let scratch: string;

const tmux = (...args: string[]) => execFileSync("tmux", ["-L", TMUX_SOCKET, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", "cli");
const keys = (...names: string[]) => tmux("send-keys", "-t", "cli", ...names);

async function waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Counts matches on the whole scrollback: each prompt answered leaves one `✔ Review …` line. */
const count = (pattern: RegExp) => (screen().match(new RegExp(pattern, "g")) ?? []).length;

before(async () => {
  if (noTmux) return;
  server = await startDevServer({ port: PORT, inspectorPort: String(PORT + 5) });
  scratch = await mkdtemp(join(tmpdir(), "tsumugi-cli-review-"));
});

after(async () => {
  try {
    tmux("kill-server");
  } catch {
    // no tmux server was started
  }
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test(
  "run manga in dialog mode: edit refused then accepted, revise, approve to the end",
  { skip: noTmux },
  async () => {
    // $EDITOR: applies the next sed script waiting in edits/ (one per editor session), else writes
    // the feedback file, as a person typing in their editor would.
    const editor = join(scratch, "editor.sh");
    await mkdir(join(scratch, "edits"));
    await writeFile(
      editor,
      `#!/bin/sh\nnext=$(ls "${scratch}/edits" | sort | head -1)\nif [ -n "$next" ]; then sed -i -f "${scratch}/edits/$next" "$1"; rm "${scratch}/edits/$next"; else cat "${scratch}/feedback.txt" > "$1"; fi\n`,
    );
    await chmod(editor, 0o755);
    await writeFile(join(scratch, "edits", "1"), "s/^title: .*/title: 42/\n");
    await writeFile(join(scratch, "edits", "2"), "s/^title: 42$/title: Letters by the sea/\n");
    await writeFile(join(scratch, "feedback.txt"), "Give Mio a yellow raincoat.\n");

    const env = [
      `TSUMUGI_URL=${server.base}`,
      `TSUMUGI_API_KEY=${server.key}`,
      `XDG_CONFIG_HOME=${join(scratch, "config")}`,
      `EDITOR=${editor}`,
    ];
    const command = [systemNode(), BIN, "run", "manga", STORY, "--mode", "dialog", "--input", '{"pages":1}']
      .map((a) => `'${a}'`)
      .join(" ");
    tmux(
      "new-session",
      "-d",
      "-s",
      "cli",
      "-x",
      "150",
      "-y",
      "50",
      "-c",
      scratch,
      `env ${env.join(" ")} ${command}; echo EXIT=$?; sleep 600`,
    );

    // Concept: edit with a number for the title; the server's schema error is shown; fix it.
    await waitFor(/\? Review concept/);
    keys("Down", "Down", "Enter");
    await waitFor(/Open the editor again\?/);
    const refused = screen();
    assert.match(refused, /The server refused the edit:/);
    assert.match(refused, /output\.title: .*expected string/);
    keys("Enter");
    await waitFor(/concept · version 2 of 1, 2/);
    await waitFor(/\? Review concept/);
    keys("Enter"); // approve the edited version

    // Characters: ask for a revision; the feedback comes from $EDITOR.
    await waitFor(/\? Review characters/);
    const runId = /Started (wf_[0-9a-f]{32})/.exec(screen())?.[1];
    assert.ok(runId);
    assert.match(screen(), /picture: .*characters_review-v1-1\.png/);
    keys("Down", "Enter");
    await waitFor(/characters · version 2 of 1, 2/);

    // Everything else: approve as each gate opens, until the run ends.
    while (!/EXIT=\d+/.test(screen())) {
      const answered = count(/✔ Review /);
      const text = await waitFor(/\? Review |EXIT=\d+/);
      if (/EXIT=\d+/.test(text)) break;
      keys("Enter");
      const deadline = Date.now() + 30_000;
      while (count(/✔ Review /) === answered && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
    }
    const final = screen();
    assert.match(final, /EXIT=0/, final);
    assert.match(final, /completed: \d+\/\d+ steps/);

    // What the server got: an edit as version 2 of the concept, a revision with the feedback.
    const node = async (id: string) =>
      nodeDetailSchema.parse(await (await server.api(`/v1/workflows/${runId}/nodes/${id}`)).json());
    const concept = await node("concept");
    assert.equal((concept.output as { title: string }).title, "Letters by the sea");
    assert.equal(concept.versions.find((v) => v.version === 2)?.source, "edit");
    // The revision ran the step again: the engine keeps no feedback on versions (always null),
    // so a second version is the evidence.
    const characters = await node("characters");
    assert.deepEqual(
      characters.versions.map((v) => v.version),
      [1, 2],
    );
    // The pictures of the previews were saved where the CLI said.
    const previews = join(scratch, "tsumugi-previews", runId);
    assert.ok(existsSync(previews));
    assert.ok(readdirSync(previews).some((f) => f.startsWith("characters_review-v1-") && f.endsWith(".png")));
  },
);
