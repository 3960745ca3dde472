import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../support/api";
import { getRun, isFinished, startRun, waitForRun } from "../support/workflows";

// A Japanese book: its run is listed under its own title, and its chapter and section titles
// stay readable in the output paths (never a generic `chapter` / `section`).
const BOOK = zipSync({
  "book.json": strToU8(JSON.stringify({ title: "紡ぎの手引き" })),
  "SUMMARY.md": strToU8("# Summary\n\n* [はじめに](intro.md)\n"),
  "intro.md": strToU8("# はじめに\n\n## 糸を紡ぐ\n\n糸を紡ぐ話です。本を章と節に分けます。\n"),
});

describe("book names", () => {
  it("names the run after the book and keeps Japanese titles in paths", async () => {
    const { key } = await createTestKey();
    const uploaded = await api("/v1/uploads?name=tebiki.zip", authed(key, { method: "POST", body: BOOK }));
    expect(uploaded.status).toBe(201);
    const upload = await uploaded.json<{ id: string; book: { title: string } }>();
    expect(upload.book.title).toBe("紡ぎの手引き");

    const id = await startRun(key, { pipeline: "book", input: { upload: upload.id } });
    expect((await getRun(key, id)).title).toBe("紡ぎの手引き");
    const listed = await (
      await api("/v1/workflows?pipeline=book", authed(key))
    ).json<{
      workflows: { id: string; title: string }[];
    }>();
    expect(listed.workflows.find((w) => w.id === id)?.title).toBe("紡ぎの手引き");

    expect((await waitForRun(key, id, isFinished, 60_000)).status).toBe("completed");
    const res = await api(`/v1/workflows/${id}/artifacts?kind=article&limit=100`, authed(key));
    const { artifacts } = await res.json<{ artifacts: { path: string; url: string }[] }>();
    expect(artifacts.length).toBeGreaterThan(0);
    for (const artifact of artifacts) {
      expect(artifact.path).toMatch(/ch01-はじめに\/s01-糸を紡ぐ\//);
      expect(artifact.path).not.toMatch(/-chapter\/|-section\//);
    }
    // The listed URL works as a request path (percent-encoded by the client).
    expect((await api(artifacts[0]!.url, authed(key))).status).toBe(200);
  });

  it("keeps a title the request gives", async () => {
    const { key } = await createTestKey();
    const uploaded = await api("/v1/uploads?name=t.zip", authed(key, { method: "POST", body: BOOK }));
    const { id: upload } = await uploaded.json<{ id: string }>();
    const id = await startRun(key, { pipeline: "book", input: { upload }, title: "Mine" });
    expect((await getRun(key, id)).title).toBe("Mine");
  });
});
