/** workers/pipelines/catalog.ts: the engine's view of the pipelines' steps. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { pipelineCatalog } from "../../workers/pipelines/catalog";
import { findPipeline, pipelineNames } from "../../workers/pipelines/registry";

const catalog = pipelineCatalog(env);
const KEY = "runs/run_1/book/ch01-intro/s01-start/p01/article.md";

describe("pipelineCatalog", () => {
  it("knows each pipeline's handlers and nothing else", () => {
    expect(catalog.hasHandler("book", "article")).toBe(true);
    expect(catalog.hasHandler("phases", "phase")).toBe(true);
    expect(catalog.hasHandler("fanout", "generate")).toBe(true);
    expect(catalog.hasHandler("book", "phase")).toBe(false);
    expect(catalog.hasHandler("nope", "article")).toBe(false);
    // Inherited keys of a plain object name no step.
    expect(catalog.hasHandler("book", "constructor")).toBe(false);
    expect(catalog.hasHandler("book", "toString")).toBe(false);
  });

  it("hides synthetic pipelines where the deployment does not enable them", () => {
    const production = pipelineCatalog({ ...env, ENABLE_SYNTHETIC_PIPELINES: "false" });
    expect(production.hasHandler("phases", "phase")).toBe(false);
    expect(production.hasHandler("book", "article")).toBe(true);
  });

  it("accepts an output that fits the step and returns the parsed value", () => {
    expect(catalog.checkOutput("phases", "phase", { phase: "concept", text: "EDITED" })).toEqual({
      ok: true,
      output: { phase: "concept", text: "EDITED" },
    });
    expect(catalog.checkOutput("book", "article", { key: KEY })).toEqual({ ok: true, output: { key: KEY } });
  });

  it("applies the schema's defaults to what will be stored", () => {
    const analysis = {
      summary: "s",
      keyPoints: ["k"],
      terms: [],
      difficulty: "beginner",
      suggestedVisuals: [],
    };
    const check = catalog.checkOutput("book", "structure", analysis);
    expect(check).toEqual({ ok: true, output: { ...analysis, prerequisites: [] } });
  });

  it("rejects a misfit with the path of each offending field", () => {
    const check = catalog.checkOutput("phases", "phase", { phase: "concept", text: 42 });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.issues.map((i) => i.path)).toEqual(["text"]);
    const nested = catalog.checkOutput("book", "figures", { images: [{ unitPath: "a.md" }], warnings: [] });
    expect(nested.ok).toBe(false);
    if (nested.ok) return;
    expect(nested.issues.map((i) => i.path)).toEqual(["images.0.file"]);
  });

  it("rejects unknown keys and file keys outside the run's book (an edit must not point elsewhere)", () => {
    const extra = catalog.checkOutput("phases", "phase", { phase: "p", text: "t", secret: 1 });
    expect(extra.ok).toBe(false);
    for (const key of [
      "uploads/tenant/x.zip",
      "runs/run_1/book/../../other/book/a.md",
      "runs/run_1/work/files/a.png",
    ]) {
      const check = catalog.checkOutput("book", "article", { key });
      expect(check.ok, key).toBe(false);
      if (!check.ok) expect(check.issues[0]?.path).toBe("key");
    }
  });

  it("rejects an output for a handler the pipeline does not have", () => {
    const check = catalog.checkOutput("book", "nope", {});
    expect(check.ok).toBe(false);
  });

  it("every step of every pipeline declares input and output schemas", () => {
    const names = pipelineNames(env);
    expect(names).toEqual(expect.arrayContaining(["book", "fanout", "phases"]));
    for (const name of names) {
      for (const [handler, step] of Object.entries(findPipeline(env, name)!.handlers)) {
        expect(typeof step.input.safeParse, `${name}/${handler} input`).toBe("function");
        expect(typeof step.output.safeParse, `${name}/${handler} output`).toBe("function");
        // Nothing passes as any input: a schema that accepts everything checks nothing.
        expect(step.input.safeParse(undefined).success, `${name}/${handler}`).toBe(false);
        expect(step.output.safeParse(undefined).success, `${name}/${handler}`).toBe(false);
      }
    }
  });
});
