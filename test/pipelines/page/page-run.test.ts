/**
 * The page pipeline in workerd, offline: a brief becomes a multi-file accessible site whose
 * static checks pass; dialog mode waits at each gate (the questions gate is a form the person
 * answers with an edit); the preview route serves the site sandboxed (CSP sandbox, nosniff),
 * older versions by number, and nothing to another tenant.
 */
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import type { PageSpec, Questions, Site } from "../../../workers/pipelines/page/schemas";
import { checkSite } from "../../../workers/pipelines/page/static-checks";
import { knowledgeDocumentSchema } from "../../../workers/protocol/knowledge";
import { api, authed, createTestKey } from "../../support/api";
import { node, review, waitForGate } from "../../support/review-gates";
import { getRun, isFinished, startRun, waitForRun } from "../../support/workflows";

const BRIEF =
  "A website for the Kamogawa community garden. Neighbours grow vegetables together on Saturday mornings. New members are welcome and tools are shared. The garden also runs a seed swap every spring.";

describe("page pipeline, offline", () => {
  it(
    "auto mode: a multi-file site, checks clean, preview sandboxed, export zip, tenants isolated",
    { timeout: 120_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, {
        pipeline: "page",
        input: { brief: BRIEF },
        options: { mode: "auto" },
      });
      const run = await waitForRun(key, id, isFinished, 90_000);
      expect(run.status, JSON.stringify(run.failures)).toBe("completed");

      const site = (await node(key, id, "site")).output as Site;
      expect(site.status).toBe("clean");
      expect(site.files.map((f) => f.path)).toEqual([
        "index.html",
        "about.html",
        "contact.html",
        "styles.css",
        "app.js",
      ]);
      expect(await checkSite(site.files)).toEqual([]);
      // Auto mode: the agent's answers stand and the spec says what it assumed.
      const spec = (await node(key, id, "spec")).output as PageSpec;
      expect(spec.assumptions.length).toBeGreaterThan(0);
      expect(site.files[0]!.content).toContain("Kamogawa community garden");

      const res = await api(`/v1/workflows/${id}/preview/index.html`, authed(key));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toMatch(/^sandbox allow-scripts;/);
      expect(res.headers.get("content-security-policy")).not.toContain("allow-same-origin");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await res.text()).toContain('<main id="content">');
      const css = await api(`/v1/workflows/${id}/preview/styles.css`, authed(key));
      expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
      expect((await api(`/v1/workflows/${id}/preview/index.html?version=1`, authed(key))).status).toBe(200);
      expect((await api(`/v1/workflows/${id}/preview/missing.html`, authed(key))).status).toBe(404);
      expect((await api(`/v1/workflows/${id}/preview/..%2Fsecret`, authed(key))).status).toBe(400);

      const other = await createTestKey();
      const foreign = await api(`/v1/workflows/${id}/preview/index.html`, authed(other.key));
      expect(foreign.status).toBe(404);
      expect(await foreign.text()).not.toContain("Kamogawa");

      const zip = unzipSync(
        new Uint8Array(await (await api(`/v1/workflows/${id}/export.zip`, authed(key))).arrayBuffer()),
      );
      expect(strFromU8(zip["page/v1/contact.html"]!)).toContain('<label for="email">');
    },
  );

  it(
    "dialog mode: waits at every gate; the person's answers (an edit of the questions) reach the spec",
    { timeout: 120_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, { pipeline: "page", input: { brief: BRIEF, title: "Kamogawa Garden" } });
      await waitForGate(key, id, "questions/review");
      expect((await node(key, id, "spec")).status).toBe("pending");
      const questions = (await node(key, id, "questions")).output as Questions;
      expect(questions.questions.every((q) => q.assumed)).toBe(true);

      const answered: Questions = {
        questions: questions.questions.map((q) =>
          q.id === "q1"
            ? { ...q, answer: "Retired neighbours and families with small children.", assumed: false }
            : q,
        ),
      };
      expect((await review(key, id, "questions/review", { action: "edit", output: answered })).status).toBe(
        200,
      );
      expect((await review(key, id, "questions/review", { action: "approve" })).status).toBe(200);

      await waitForGate(key, id, "spec/review");
      const spec = (await node(key, id, "spec")).output as PageSpec;
      expect(spec.audience).toBe("Retired neighbours and families with small children.");
      expect(spec.assumptions.some((a) => a.includes("Who is the site for?"))).toBe(false);
      expect((await node(key, id, "site")).status).toBe("pending");
      expect((await review(key, id, "spec/review", { action: "approve" })).status).toBe(200);

      await waitForGate(key, id, "site/review");
      expect((await getRun(key, id)).status).not.toBe("completed");
      expect((await review(key, id, "site/review", { action: "approve" })).status).toBe(200);
      expect((await waitForRun(key, id, isFinished, 60_000)).status).toBe("completed");
    },
  );

  it("a bad brief is refused with the field path", async () => {
    const { key } = await createTestKey();
    const res = await api(
      "/v1/workflows",
      authed(key, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ pipeline: "page", input: { brief: "short" } }),
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json<{ error: { code: string; details: { issues: { path: string }[] } } }>();
    expect(body.error.code).toBe("validation_failed");
    expect(JSON.stringify(body.error.details)).toContain("brief");
  });
});

describe("static checks", () => {
  it("find what a careless site gets wrong", async () => {
    const problems = await checkSite([
      {
        path: "index.html",
        content: `<html><head></head><body><div><h1>Hi</h1><h3>Skip</h3><img src="a.png"><input id="q"><a href="about.html"></a><a href="https://cdn.example/x.js">x</a><button onclick="go()">Go</button></div></body></html>`,
      },
      { path: "styles.css", content: "p { color: #777777; background: #888888; }" },
      { path: "app.js", content: "function (" },
    ]);
    const rules = new Set(problems.map((p) => p.rule));
    for (const rule of [
      "html-parse",
      "html-lang",
      "document-title",
      "landmarks",
      "headings",
      "img-alt",
      "label",
      "accessible-name",
      "broken-link",
      "external-resource",
      "no-inline-handlers",
      "contrast",
      "script-syntax",
    ])
      expect(rules, rule).toContain(rule);
  });
});

describe("page pipeline with the knowledge base", () => {
  it("cites the run's own documents, never another's", { timeout: 120_000 }, async () => {
    const { key } = await createTestKey();
    const addDoc = async (title: string, content: string) => {
      const res = await api(
        "/v1/knowledge",
        authed(key, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ title, format: "markdown", content }),
        }),
      );
      expect(res.status).toBe(201);
      return knowledgeDocumentSchema.parse(await res.json()).id;
    };
    const named = await addDoc(
      "Garden rules",
      "# Garden rules\n\nThe Kamogawa community garden lends tools on Saturday mornings. Members share vegetables.",
    );
    const unnamed = await addDoc(
      "Other garden",
      "# Other\n\nThe community garden seed swap happens every spring with vegetables for members.",
    );
    const id = await startRun(key, {
      pipeline: "page",
      input: { brief: BRIEF, knowledgeDocs: [named] },
      options: { mode: "auto" },
    });
    const run = await waitForRun(key, id, isFinished, 90_000);
    expect(run.status, JSON.stringify(run.failures)).toBe("completed");
    const spec = (await node(key, id, "spec")).output as PageSpec;
    expect(spec.sources.length).toBeGreaterThan(0);
    expect(new Set(spec.sources.map((s) => s.docId))).toEqual(new Set([named]));
    expect(spec.sources.some((s) => s.docId === unnamed)).toBe(false);
  });
});
