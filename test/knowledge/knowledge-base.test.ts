/** The knowledge base in workerd's D1: FTS5 passages ranked by bm25, per tenant, HTML parsed. */
import { describe, expect, it } from "vitest";
import { retrievePassages } from "../../workers/knowledge/retrieve";
import { env } from "cloudflare:workers";
import { api, authed, createTestKey, jsonBody } from "../support/api";

const add = (key: string, body: unknown) => api("/v1/knowledge", authed(key, jsonBody(body)));
const search = (key: string, body: unknown) => api("/v1/knowledge/search", authed(key, jsonBody(body)));

describe("knowledge base", () => {
  it("indexes Markdown and HTML, ranks passages, isolates tenants and deletes", async () => {
    const { key, tenantId } = await createTestKey();
    const md = await add(key, {
      title: "Lighthouses",
      format: "markdown",
      content:
        "# Lighthouses\n\nA **lighthouse** keeper trims the lamp wick every night.\n\nFog horns sound in fog.",
    });
    expect(md.status).toBe(201);
    const doc = await md.json<{ id: string; chunks: number }>();
    expect(doc.chunks).toBe(1);
    const html = await add(key, {
      title: "Tides",
      format: "html",
      content:
        "<html><head><style>p{color:red}</style><script>lighthouse()</script></head><body><p>Tides follow the moon.</p></body></html>",
    });
    expect(html.status).toBe(201);

    const res = await search(key, { query: "lighthouse lamp", limit: 5 });
    expect(res.status).toBe(200);
    const { passages } = await res.json<{
      passages: { docId: string; chunk: number; title: string; text: string; score: number }[];
    }>();
    expect(passages).toHaveLength(1);
    expect(passages[0]).toMatchObject({ docId: doc.id, chunk: 0, title: "Lighthouses" });
    expect(passages[0]!.text).toContain("A lighthouse keeper trims the lamp wick every night.");
    expect(passages[0]!.score).toBeGreaterThan(0);
    // Script and style text never reached the index; the page's text did.
    const tides = await (
      await search(key, { query: "moon" })
    ).json<{ passages: { title: string; text: string }[] }>();
    expect(tides.passages.map((p) => p.text)).toEqual(["Tides follow the moon."]);

    const helper = await retrievePassages(env, tenantId, "fog", { limit: 3 });
    expect(helper.sources).toEqual([{ docId: doc.id, chunk: 0, title: "Lighthouses" }]);

    const other = await createTestKey();
    expect(
      (await (await search(other.key, { query: "lighthouse" })).json<{ passages: unknown[] }>()).passages,
    ).toEqual([]);
    expect((await api(`/v1/knowledge/${doc.id}`, authed(other.key))).status).toBe(404);
    expect((await api(`/v1/knowledge/${doc.id}`, authed(other.key, { method: "DELETE" }))).status).toBe(404);

    expect((await api(`/v1/knowledge/${doc.id}`, authed(key))).status).toBe(200);
    expect((await api(`/v1/knowledge/${doc.id}`, authed(key, { method: "DELETE" }))).status).toBe(200);
    expect(
      (await (await search(key, { query: "lighthouse" })).json<{ passages: unknown[] }>()).passages,
    ).toEqual([]);
    expect((await add(key, { title: "x", format: "pdf", content: "y" })).status).toBe(400);
    expect((await search(key, { query: "" })).status).toBe(400);
  });
});
