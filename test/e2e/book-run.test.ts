import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { exportManifestSchema } from "../../workers/pipelines/book/schemas/export-manifest";
import { scriptSchema } from "../../workers/pipelines/book/schemas/script";
import { tweetThreadSchema } from "../../workers/pipelines/book/schemas/tweet-thread";
import { api, authed, createTestKey } from "../support/api";
import { createdUploadSchema } from "../../workers/protocol/uploads";
import { bookFixtureTree, corpusBook, hasCorpus, seedDocuments, zipBook } from "../support/book-corpus";
import { isFinished, startRun, waitForRun } from "../support/workflows";

type Artifact = { path: string; url: string; kind: string; contentType: string; sizeBytes: number };

const SAMPLE = `# Tiny book

## Chapter one

Tsumugi spins threads of text. Contact: someone@example.com.

\`\`\`mermaid
flowchart LR
  A[Book] --> B[Chapters]
\`\`\`

### Details

- first point
- second point

## 第二章

日本語の段落です。本を章と節に分けます。
`;

async function artifactsOf(key: string, id: string): Promise<Artifact[]> {
  const res = await api(`/v1/workflows/${id}/artifacts?limit=1000`, authed(key));
  return (await res.json<{ artifacts: Artifact[] }>()).artifacts;
}

async function upload(key: string, bytes: Uint8Array, name: string): Promise<Response> {
  return api(`/v1/uploads?name=${encodeURIComponent(name)}`, authed(key, { method: "POST", body: bytes }));
}

describe("book pipeline, offline", () => {
  it("turns inline Markdown into every output, with figures as PNG and a valid export", async () => {
    const { key } = await createTestKey();
    const id = await startRun(key, { pipeline: "book", input: { markdown: SAMPLE, name: "tiny.md" } });
    const run = await waitForRun(key, id, isFinished, 60_000);
    expect(run.status).toBe("completed");
    const artifacts = await artifactsOf(key, id);
    const kinds = new Set(artifacts.map((a) => a.kind));
    for (const kind of [
      "source",
      "article",
      "script",
      "script_json",
      "structure",
      "section_article",
      "chapter_article",
      "chapter_metadata",
      "tweets",
      "description",
      "thumbnail",
      "image",
      "book_metadata",
      "book_index",
      "book_model",
      "warnings",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(artifacts.some((a) => /svg|html/.test(a.contentType))).toBe(false);
    // The Mermaid diagram became a PNG that the unit's article links to.
    const image = artifacts.find((a) => a.kind === "image")!;
    const png = new Uint8Array(await (await api(image.url, authed(key))).arrayBuffer());
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    const imageFile = image.path.split("/").pop()!;
    const articles = await Promise.all(
      artifacts
        .filter((a) => a.kind === "article")
        .map(async (a) => api(a.url, authed(key)).then((r) => r.text())),
    );
    expect(articles.some((text) => text.includes(`../../../images/${imageFile}`))).toBe(true);
    // …and so do the aggregated section and chapter articles, from their own folders.
    const chapterArticles = await Promise.all(
      artifacts
        .filter((a) => a.kind === "chapter_article")
        .map(async (a) => api(a.url, authed(key)).then((r) => r.text())),
    );
    expect(chapterArticles.some((text) => text.includes(`](../images/${imageFile})`))).toBe(true);
    // Outputs validate against their schemas, and say they were made offline.
    const scriptJson = artifacts.find((a) => a.kind === "script_json")!;
    scriptSchema.parse(await (await api(scriptJson.url, authed(key))).json());
    const tweets = artifacts.find((a) => a.kind === "tweets")!;
    tweetThreadSchema.parse(await (await api(tweets.url, authed(key))).json());
    expect(articles.join("\n").toLowerCase()).toContain("offline");
    // The thumbnail is a 1280×720 PNG.
    const thumb = new Uint8Array(
      await (await api(artifacts.find((a) => a.kind === "thumbnail")!.url, authed(key))).arrayBuffer(),
    );
    const view = new DataView(thumb.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1280, 720]);

    const zip = unzipSync(
      new Uint8Array(await (await api(`/v1/workflows/${id}/export.zip`, authed(key))).arrayBuffer()),
    );
    const manifest = exportManifestSchema.parse(JSON.parse(strFromU8(zip["manifest.json"]!)));
    expect(manifest.units.map((u) => u.id)).toEqual(expect.arrayContaining(["ch01/s01/p01"]));
    expect(manifest.providers.map((p) => p.provider)).toContain("offline");
    expect(manifest.prompts.length).toBeGreaterThanOrEqual(10);
    for (const file of manifest.files) expect(zip[file.path], file.path).toBeDefined();
    expect(Object.keys(zip).length).toBe(manifest.files.length + 1);
  });

  it("reports a figure it cannot render as a warning and still completes", async () => {
    const { key } = await createTestKey();
    const markdown =
      "# Plan\n\n## Timeline\n\nThe plan.\n\n```mermaid\ngantt\n  title A plan\n  section One\n  Task :a1, 2026-01-01, 3d\n```\n";
    const id = await startRun(key, { pipeline: "book", input: { markdown, name: "plan.md" } });
    const run = await waitForRun(key, id, isFinished, 60_000);
    expect(run.status).toBe("completed");
    const warnings = (await artifactsOf(key, id)).find((a) => a.kind === "warnings")!;
    const list = await (await api(warnings.url, authed(key))).json<{ code: string }[]>();
    expect(list.map((w) => w.code)).toContain("diagram_failed");
  });

  it.skipIf(!hasCorpus)(
    "runs the English mdBook from an upload, figures included",
    async () => {
      const { key } = await createTestKey();
      const files = corpusBook("rust-book-en");
      const res = await upload(key, zipBook(files), "rust-book.zip");
      expect(res.status).toBe(201);
      const uploaded = await res.json<{
        id: string;
        book: { format: string; chapters: unknown[]; units: number };
      }>();
      expect(uploaded.book.format).toBe("mdbook");
      const id = await startRun(key, { pipeline: "book", input: { upload: uploaded.id } });
      const run = await waitForRun(key, id, isFinished, 240_000);
      expect(run.status).toBe("completed");
      const artifacts = await artifactsOf(key, id);
      expect(artifacts.filter((a) => a.kind === "source")).toHaveLength(uploaded.book.units);
      expect(artifacts.filter((a) => a.kind === "image").length).toBeGreaterThan(0);
    },
    300_000,
  );

  it.skipIf(!hasCorpus)(
    "runs the Japanese GitBook and a seed document",
    async () => {
      const { key } = await createTestKey();
      const res = await upload(key, zipBook(corpusBook("ts-deep-dive-ja")), "ts-deep-dive.zip");
      expect(res.status).toBe(201);
      const { id: uploadId } = await res.json<{ id: string }>();
      const seed = [...seedDocuments()][0]!;
      const ids = [
        await startRun(key, { pipeline: "book", input: { upload: uploadId } }),
        await startRun(key, {
          pipeline: "book",
          input: { markdown: new TextDecoder().decode(seed[1]), name: seed[0] },
        }),
      ];
      for (const id of ids) {
        const run = await waitForRun(key, id, isFinished, 240_000);
        expect(run.status).toBe("completed");
        const metadata = (await artifactsOf(key, id)).find((a) => a.kind === "book_metadata")!;
        expect((await (await api(metadata.url, authed(key))).json<{ language: string }>()).language).toBe(
          "ja",
        );
      }
    },
    300_000,
  );
});

describe("POST /v1/uploads", () => {
  it("rejects bad input with a clear 4xx and stores nothing", async () => {
    const { key, tenantId } = await createTestKey();
    const cases: [Uint8Array, number, string][] = [
      [new Uint8Array(), 400, "empty_input"],
      [new Uint8Array([0, 1, 2, 0, 255, 254]), 415, "binary_input"],
      [zipSync({ "../evil.md": new TextEncoder().encode("# x") }), 400, "zip_path_traversal"],
      [zipSync({ "image.png": new Uint8Array([137, 80, 78, 71]) }), 400, "no_markdown"],
    ];
    for (const [bytes, status, code] of cases) {
      const res = await upload(key, bytes, "book.zip");
      expect(res.status, code).toBe(status);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe(code);
    }
    expect((await env.BUCKET.list({ prefix: `uploads/${tenantId}/` })).objects).toHaveLength(0);
  });

  it("accepts multipart uploads and keeps them per tenant", async () => {
    const owner = await createTestKey();
    const form = new FormData();
    form.append("file", new File([SAMPLE], "tiny.md", { type: "text/markdown" }));
    const res = await api("/v1/uploads", authed(owner.key, { method: "POST", body: form }));
    expect(res.status).toBe(201);
    const { id, book } = await res.json<{ id: string; book: { chapters: unknown[] } }>();
    expect(book.chapters).toHaveLength(2);
    expect((await api(`/v1/uploads/${id}`, authed(owner.key))).status).toBe(200);
    const other = await createTestKey();
    expect((await api(`/v1/uploads/${id}`, authed(other.key))).status).toBe(404);
    const stolen = await api(
      "/v1/workflows",
      authed(other.key, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ pipeline: "book", input: { upload: id } }),
      }),
    );
    expect(stolen.status).toBe(400);
    expect((await stolen.json<{ error: { code: string } }>()).error.code).toBe("unknown_upload");
  });
});

// In this file, not a file of its own: after a book run the project's shared workerd fails the
// next file (see vitest.config.ts).
// A Japanese book: its run is listed under its own title, and its chapter and section titles
// stay readable in the output paths (never a generic `chapter` / `section`).
const BOOK = zipSync({
  "book.json": strToU8(JSON.stringify({ title: "紡ぎの手引き" })),
  "SUMMARY.md": strToU8("# Summary\n\n* [はじめに](intro.md)\n"),
  "intro.md": strToU8("# はじめに\n\n## 糸を紡ぐ\n\n糸を紡ぐ話です。本を章と節に分けます。\n"),
});

async function runTitle(key: string, id: string): Promise<string> {
  return (await (await api(`/v1/workflows/${id}`, authed(key))).json<{ title: string }>()).title;
}

describe("book pipeline, names", () => {
  it("names the run after the book and keeps Japanese titles in paths", { timeout: 60_000 }, async () => {
    const { key } = await createTestKey();
    const uploaded = await api("/v1/uploads?name=tebiki.zip", authed(key, { method: "POST", body: BOOK }));
    expect(uploaded.status).toBe(201);
    const upload = await uploaded.json<{ id: string; book: { title: string } }>();
    expect(upload.book.title).toBe("紡ぎの手引き");

    const id = await startRun(key, { pipeline: "book", input: { upload: upload.id } });
    expect(await runTitle(key, id)).toBe("紡ぎの手引き");
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
    expect(await runTitle(key, id)).toBe("Mine");
  });
});

describe("book pipeline, parts", () => {
  it(
    "shows a Re:VIEW book's structure and planned steps at upload, then runs exactly those steps with part outputs",
    { timeout: 180_000 },
    async () => {
      const { key } = await createTestKey();
      const zip = zipBook(bookFixtureTree("layouts/review"), "review");
      const res = await api("/v1/uploads?name=review.zip", authed(key, { method: "POST", body: zip }));
      expect(res.status).toBe(201);
      const uploaded = createdUploadSchema.parse(await res.json());
      const { book, plannedSteps } = uploaded;
      expect(book.format).toBe("review");
      expect(book.parts).toEqual([
        { id: "pt01", title: "第1部 基礎", chapterIds: ["ch02", "ch03", "ch04"] },
        { id: "pt02", title: "第2部 運用", chapterIds: ["ch05"] },
      ]);
      expect(book.chapters[2]).toMatchObject({
        id: "ch03",
        title: "ワークフローの全体像",
        partId: "pt01",
        depth: 1,
        figures: 1,
        files: ["review/ch01.re"],
      });
      expect(book.figures).toBe(1);
      // The documented formula, level by level.
      const { units, sections } = book;
      const chapters = book.chapters.length;
      const parts = book.parts.length;
      expect(plannedSteps.total).toBe(3 * units + 2 * sections + 6 * chapters + 2 * parts + 3);
      expect(plannedSteps.breakdown.map((b) => [b.level, b.count, b.steps])).toEqual([
        ["unit", units, 3 * units],
        ["section", sections, 2 * sections],
        ["chapter", chapters, 6 * chapters],
        ["part", parts, 2 * parts],
        ["book", 1, 3],
      ]);

      const id = await startRun(key, { pipeline: "book", input: { upload: uploaded.id } });
      const run = await waitForRun(key, id, isFinished, 150_000);
      expect(run.status).toBe("completed");
      expect(run.progress.total).toBe(plannedSteps.total);
      const artifacts = await artifactsOf(key, id);
      const partFiles = artifacts
        .filter((a) => a.kind.startsWith("part_"))
        .map((a) => a.path.replace(/^(.*\/)?book\//, ""));
      expect(partFiles.sort()).toEqual([
        "pt01-第1部-基礎/part.json",
        "pt01-第1部-基礎/part.md",
        "pt02-第2部-運用/part.json",
        "pt02-第2部-運用/part.md",
      ]);
      const index = artifacts.find((a) => a.kind === "book_index")!;
      const indexJson = await (
        await api(index.url, authed(key))
      ).json<{ parts: { id: string; chapterIds: string[] }[] }>();
      expect(indexJson.parts.map((p) => [p.id, p.chapterIds])).toEqual([
        ["pt01", ["ch02", "ch03", "ch04"]],
        ["pt02", ["ch05"]],
      ]);
    },
  );
});
