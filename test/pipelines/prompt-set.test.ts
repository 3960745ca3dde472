/** Prompt variants: deterministic, weighted choice per run and step; what a render records. */
import { describe, expect, it } from "vitest";
import {
  PromptSet,
  formatProvenance,
  parseProvenance,
  promptPick,
  renderPick,
  seededFraction,
} from "../../workers/pipelines/prompt-set";
import { checkProblems, offlineVerdict } from "../../workers/pipelines/critic/critic-step";
import { criticPrompts } from "../../workers/pipelines/critic/critic-prompts";
import { defineStep } from "../../workers/pipelines/define-step";
import { z } from "zod";

const template = (id: string, version: string, weight?: number) =>
  `---\nid: ${id}\nversion: ${version}\n${weight === undefined ? "" : `weight: ${weight}\n`}---\n\nSay {{what}}.`;

const set = new PromptSet("demo", {
  base: { system: template("demo/system", "1.0.0", 3), message: template("demo/message", "1.2.0") },
  short: { system: template("demo/system", "2.0.0"), message: template("demo/message", "1.2.0") },
});

describe("PromptSet", () => {
  it("chooses the same variant for the same run and step, weighted across many", () => {
    expect(set.choose("wf_1/outline").name).toBe(set.choose("wf_1/outline").name);
    const counts = { base: 0, short: 0 };
    for (let i = 0; i < 4_000; i++) counts[set.choose(`wf_${i}/outline`).name as "base" | "short"]++;
    // Weights 3 : 1 → about 75 % base.
    expect(counts.base / 4_000).toBeGreaterThan(0.71);
    expect(counts.base / 4_000).toBeLessThan(0.79);
    for (let i = 0; i < 100; i++) {
      const f = seededFraction(`seed-${i}`);
      expect(f >= 0 && f < 1).toBe(true);
    }
  });

  it("renders with the template, version and variant to record", () => {
    const seed = [...Array(50).keys()].map((i) => `wf_${i}/x`).find((s) => set.choose(s).name === "short")!;
    expect(set.render(seed, { what: "hello" })).toEqual({
      system: "Say hello.",
      message: "Say hello.",
      template: "demo",
      version: "2.0.0+1.2.0",
      variant: "short",
    });
    expect(criticPrompts.variants.map((v) => v.name)).toEqual(["base", "strict"]);
  });

  it("a run's pin wins over the weighted choice; an unknown pin does not", () => {
    const seeds = [...Array(40).keys()].map((i) => `wf_${i}/x`);
    expect(seeds.every((s) => set.choose(s, "short").name === "short")).toBe(true);
    expect(seeds.every((s) => set.choose(s, "nope").name === set.choose(s).name)).toBe(true);
    const pick = promptPick({
      run: { id: "wf_1", options: { promptVariants: { demo: "short" } } },
      node: { id: "x" },
    });
    expect(renderPick(set, pick, { what: "hi" }).variant).toBe("short");
  });

  it("files record template@version#variant, read back (older records: base)", () => {
    const made = { template: "manga/storyboard", version: "1.1.0+1.0.0", variant: "beats-first" };
    expect(formatProvenance(made)).toBe("manga/storyboard@1.1.0+1.0.0#beats-first");
    expect(parseProvenance(formatProvenance(made))).toEqual(made);
    expect(parseProvenance("book/article@1.0.0+1.0.0")).toEqual({
      template: "book/article",
      version: "1.0.0+1.0.0",
      variant: "base",
    });
  });
});

describe("critic checks", () => {
  const step = defineStep({
    input: z.object({}),
    output: z.strictObject({ words: z.array(z.string()).min(1) }),
    run: async () => ({ output: { words: ["a"] } }),
    review: { check: (o) => (o.words.includes("TODO") ? ["A TODO is left."] : []) },
  });

  it("finds schema and rule problems, and the offline verdict follows them", () => {
    expect(checkProblems(step, { words: ["ok"] })).toEqual([]);
    expect(checkProblems(step, { words: ["TODO"] })).toEqual(["A TODO is left."]);
    expect(checkProblems(step, { words: [] })[0]).toMatch(/^The output does not match its schema at words:/);
    expect(offlineVerdict([])).toMatchObject({ verdict: "approve", confidence: 0.9 });
    expect(offlineVerdict(["A TODO is left."])).toEqual({
      verdict: "revise",
      confidence: 0.35,
      feedback: "A TODO is left.",
    });
  });
});
