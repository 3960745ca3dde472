import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { serverMessageSchema } from "../../workers/protocol/live";
import { api, authed, createTestKey } from "../support/api";
import { isFinished, post, startRun, waitForRun } from "../support/workflows";

async function finishedPhases(key: string): Promise<string> {
  const id = await startRun(key, { pipeline: "phases", input: { text: "t", phases: ["one", "two"] } });
  for (const gate of ["one/review", "two/review"]) {
    await waitForRun(key, id, (r) => r.progress.waitingReview === 1 || isFinished(r));
    await post(key, `/v1/workflows/${id}/reviews/${gate}`, { action: "approve" });
  }
  await waitForRun(key, id, isFinished);
  return id;
}

describe("artifacts", () => {
  it("lists a run's files, filters by kind and serves each with its type and a strict CSP", async () => {
    const { key } = await createTestKey();
    const id = await finishedPhases(key);
    const list = await (
      await api(`/v1/workflows/${id}/artifacts`, authed(key))
    ).json<{ artifacts: { path: string; url: string; kind: string; sizeBytes: number }[] }>();
    expect(list.artifacts.map((a) => a.path)).toEqual(["phases/one.md", "phases/two.md"]);
    expect(
      (
        await (
          await api(`/v1/workflows/${id}/artifacts?kind=nope`, authed(key))
        ).json<{ artifacts: unknown[] }>()
      ).artifacts,
    ).toHaveLength(0);
    const file = await api(list.artifacts[0]!.url, authed(key));
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(file.headers.get("Content-Security-Policy")).toContain("sandbox");
    const text = await file.text();
    expect(text).toContain("# one");
    expect(text.length).toBe(list.artifacts[0]!.sizeBytes);
    expect((await api(`/v1/workflows/${id}/artifacts/phases/missing.md`, authed(key))).status).toBe(404);
  });

  it("announces artifacts on the live stream", async () => {
    const { key } = await createTestKey();
    const id = await finishedPhases(key);
    const res = await api(`/v1/workflows/${id}/events`, authed(key, { headers: { "Last-Event-ID": "0" } }));
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("event: done")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    const artifacts = text
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => serverMessageSchema.parse(JSON.parse(l.slice(6))))
      .filter((m) => m.type === "artifact");
    expect(artifacts.map((m) => m.type === "artifact" && m.artifact.key)).toEqual([
      `runs/${id}/phases/one.md`,
      `runs/${id}/phases/two.md`,
    ]);
  });

  it("streams export.zip with a manifest and every file", async () => {
    const { key } = await createTestKey();
    const id = await finishedPhases(key);
    const res = await api(`/v1/workflows/${id}/export.zip`, authed(key));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["manifest.json", "phases/one.md", "phases/two.md"]);
    const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as {
      runId: string;
      files: { path: string }[];
    };
    expect(manifest.runId).toBe(id);
    expect(manifest.files.map((f) => f.path)).toEqual(["phases/one.md", "phases/two.md"]);
    expect(strFromU8(files["phases/two.md"]!)).toContain("# two");
    const other = await createTestKey();
    expect((await api(`/v1/workflows/${id}/export.zip`, authed(other.key))).status).toBe(404);
  });
});
