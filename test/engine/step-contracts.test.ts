/**
 * Step contracts end to end: data that does not fit a step's schema — a reviewer's bad `edit`,
 * a corrupted stored input or dependency output — is refused with the field paths, is never
 * retried and never stored.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../support/api";
import { aiCalls, aiUrl, post, startRun, waitForRun } from "../support/workflows";

type NodeDetail = {
  status: string;
  attempts: number;
  version: number;
  error: string | null;
  output: unknown;
  versions: { version: number }[];
};
type ErrorBody = { error: { code: string; message: string; details?: unknown } };

async function node(key: string, id: string, nodeId: string): Promise<NodeDetail> {
  const res = await api(`/v1/workflows/${id}/nodes/${nodeId}`, authed(key));
  expect(res.status).toBe(200);
  return res.json<NodeDetail>();
}

async function waitForNode(key: string, id: string, nodeId: string, status: string): Promise<NodeDetail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const detail = await node(key, id, nodeId);
    if (detail.status === status) return detail;
    if (Date.now() > deadline) throw new Error(`${nodeId} never became ${status} (is ${detail.status})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A phases run (one → gate → two → gate) waiting at one/review. */
async function phasesAtFirstGate(key: string): Promise<string> {
  const id = await startRun(key, {
    pipeline: "phases",
    input: { text: "a cat", phases: ["one", "two"], aiUrl: aiUrl() },
    options: { maxAttempts: 3, retryBaseMs: 10 },
  });
  await waitForNode(key, id, "one/review", "waiting");
  return id;
}

function sql(id: string, query: string, ...bindings: string[]) {
  return runInDurableObject(env.WORKFLOW_RUN.getByName(id), (_instance, state) => {
    state.storage.sql.exec(query, ...bindings);
  });
}

/** The field paths in an error's details, wherever the issues list sits. */
function paths(details: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(details, (k, v: unknown) => {
    if (k === "path" && typeof v === "string") found.push(v);
    return v;
  });
  return found;
}

describe("step contracts", () => {
  it("refuses an edit that does not match the step's output schema over HTTP, storing nothing", async () => {
    const { key } = await createTestKey();
    const id = await phasesAtFirstGate(key);
    const before = await node(key, id, "one");
    const res = await post(key, `/v1/workflows/${id}/reviews/one/review`, {
      action: "edit",
      output: { phase: "one", text: 42 },
    });
    expect(res.status).toBe(400);
    const body = await res.json<ErrorBody>();
    expect(body.error.code).toBe("validation_failed");
    expect(paths(body.error.details)).toContain("output.text");
    const missing = await post(key, `/v1/workflows/${id}/reviews/one/review`, {
      action: "edit",
      output: { text: "no phase" },
    });
    expect(missing.status).toBe(400);
    expect(paths((await missing.json<ErrorBody>()).error.details)).toContain("output.phase");
    const after = await node(key, id, "one");
    expect(after.version).toBe(before.version);
    expect(after.versions).toHaveLength(before.versions.length);
    expect(after.output).toEqual(before.output);
    expect((await node(key, id, "one/review")).status).toBe("waiting");
    // A fitting edit still goes through.
    const good = await post(key, `/v1/workflows/${id}/reviews/one/review`, {
      action: "edit",
      output: { phase: "one", text: "EDITED" },
    });
    expect(good.status).toBe(200);
    expect((await node(key, id, "one")).output).toEqual({ phase: "one", text: "EDITED" });
  });

  it("refuses a bad edit on the socket with an error message, storing nothing", async () => {
    const { key } = await createTestKey();
    const id = await phasesAtFirstGate(key);
    const before = await node(key, id, "one");
    const res = await api(`/v1/workflows/${id}/ws`, authed(key, { headers: { Upgrade: "websocket" } }));
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const inbox: { type: string; error?: ErrorBody["error"] }[] = [];
    ws.addEventListener("message", (event) => {
      inbox.push(JSON.parse(String(event.data)) as { type: string });
    });
    ws.send(
      JSON.stringify({
        type: "review",
        gate: "one/review",
        review: { action: "edit", output: { phase: "one", text: ["not", "text"] } },
      }),
    );
    const deadline = Date.now() + 5_000;
    while (!inbox.some((m) => m.type === "error") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const error = inbox.find((m) => m.type === "error")?.error;
    expect(error?.code).toBe("validation_failed");
    expect(paths(error?.details)).toContain("output.text");
    ws.close();
    const after = await node(key, id, "one");
    expect(after.versions).toHaveLength(before.versions.length);
    expect(after.output).toEqual(before.output);
  });

  it("fails a step whose stored input is corrupted at once, with the field path, never calling the AI", async () => {
    const { key } = await createTestKey();
    const id = await phasesAtFirstGate(key);
    await sql(
      id,
      "UPDATE nodes SET input = ? WHERE id = 'two'",
      JSON.stringify({ phase: "two", previous: "one", text: 42 }),
    );
    await post(key, `/v1/workflows/${id}/reviews/one/review`, { action: "approve" });
    const failed = await waitForNode(key, id, "two", "failed");
    expect(failed.attempts).toBe(1);
    expect(failed.error).toContain(`input of "two" does not match step "phase"`);
    expect(failed.error).toMatch(/\btext: /);
    await waitForRun(key, id, (r) => r.status === "failed" || r.status === "completed_with_errors");
    expect((await aiCalls(id)).calls.filter((c) => c.node === "two")).toHaveLength(0);
  });

  it("fails a step whose dependency's stored output is corrupted, naming that node", async () => {
    const { key } = await createTestKey();
    const id = await phasesAtFirstGate(key);
    const corrupted = JSON.stringify({ phase: "one" });
    await sql(id, "UPDATE nodes SET output = ? WHERE id = 'one'", corrupted);
    await sql(id, "UPDATE versions SET output = ? WHERE node_id = 'one'", corrupted);
    await post(key, `/v1/workflows/${id}/reviews/one/review`, { action: "approve" });
    const failed = await waitForNode(key, id, "two", "failed");
    expect(failed.attempts).toBe(1);
    expect(failed.error).toContain(`output of "one" does not match`);
    expect(failed.error).toMatch(/\btext: /);
    expect((await aiCalls(id)).calls.filter((c) => c.node === "two")).toHaveLength(0);
  });
});
