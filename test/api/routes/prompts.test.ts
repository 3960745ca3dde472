/**
 * GET /v1/prompts and /v1/prompts/stats: a scripted set of reviews on `phases` runs whose phase
 * records a prompt variant (the `variants` input), by people and by the agent, gives exact
 * numbers per variant; another tenant sees none of them. Manga runs record the variant each
 * phase's prompt used (chosen per run and step, or pinned by the run), in the step and its
 * files, and the stats count them. Runs the manga renderers, so in a workerd of its own
 * (RENDER_TESTS in vitest.config.ts).
 */
import { describe, expect, it } from "vitest";
import { promptListSchema, promptStatsSchema, type VariantStats } from "../../../workers/protocol/prompts";
import { artifactListSchema } from "../../../workers/protocol/artifacts";
import { mangaPromptSet } from "../../../workers/pipelines/manga/prompts";
import { api, authed, createTestKey } from "../../support/api";
import { isFinished, post, startRun, waitForRun } from "../../support/workflows";

type Action = { action: "approve" } | { action: "skip" } | { action: "revise"; feedback: string };

async function gate(key: string, id: string): Promise<{ status: string }> {
  return (await api(`/v1/workflows/${id}/nodes/outline/review`, authed(key))).json();
}

/** One run of a single phase with `variant`, answered by a person with `actions` in turn. */
async function reviewedRun(key: string, variant: string, actions: Action[]): Promise<void> {
  const id = await startRun(key, {
    pipeline: "phases",
    input: { text: "tide tables", phases: ["outline"], variants: { outline: variant }, costPerCallUsd: 0.01 },
    options: { mode: "dialog" },
  });
  for (const action of actions) {
    const deadline = Date.now() + 15_000;
    while ((await gate(key, id)).status !== "waiting") {
      if (Date.now() > deadline) throw new Error("gate never opened");
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await post(key, `/v1/workflows/${id}/reviews/outline/review`, action)).status).toBe(200);
  }
  expect((await waitForRun(key, id, isFinished)).status).toBe("completed");
}

const STORY =
  'Mira found a letter on the beach. "Who wrote this?" Mira asked. Old Tom smiled at Mira. ' +
  '"Someone who waited forty years," Tom said.';

async function nodePrompt(key: string, id: string, node: string): Promise<unknown> {
  const res = await api(`/v1/workflows/${id}/nodes/${node}`, authed(key));
  expect(res.status).toBe(200);
  return (await res.json<{ prompt: unknown }>()).prompt;
}

async function stats(key: string, query = ""): Promise<VariantStats[]> {
  const res = await api(`/v1/prompts/stats${query}`, authed(key));
  expect(res.status).toBe(200);
  return promptStatsSchema.parse(await res.json()).variants;
}

describe("prompt variants and their review statistics", () => {
  it("lists every template with its version and variants", async () => {
    const { key } = await createTestKey();
    const res = await api("/v1/prompts", authed(key));
    expect(res.status).toBe(200);
    const { prompts } = promptListSchema.parse(await res.json());
    const critic = prompts.find((p) => p.template === "critic")!;
    expect(critic.variants.map((v) => [v.name, v.weight, v.version])).toEqual([
      ["base", 1, "1.0.0+1.0.0"],
      ["strict", 1, "1.0.0+1.0.0"],
    ]);
    expect(prompts.map((p) => p.template)).toEqual(
      expect.arrayContaining([
        "book/article",
        "book/chapter-metadata",
        "manga/concept",
        "manga/storyboard",
        "page/files",
        "program/code",
      ]),
    );
    const storyboard = prompts.find((p) => p.template === "manga/storyboard")!;
    expect(storyboard.variants.map((v) => [v.name, v.weight, v.version])).toEqual([
      ["base", 1, "1.0.0+1.0.0"],
      ["beats-first", 1, "1.1.0+1.0.0"],
    ]);
    expect((await api("/v1/prompts")).status).toBe(401);
  });

  it("stats match a scripted set of reviews, per variant and per tenant", { timeout: 90_000 }, async () => {
    const { key } = await createTestKey();
    const revise = { action: "revise" as const, feedback: "shorter" };
    await reviewedRun(key, "base", [{ action: "approve" }]);
    await reviewedRun(key, "base", [revise, { action: "approve" }]);
    await reviewedRun(key, "terse", [revise, revise, { action: "approve" }]);
    await reviewedRun(key, "terse", [{ action: "skip" }]);
    // The agent's decisions count too: a draft the critic revises once, then approves.
    const auto = await startRun(key, {
      pipeline: "phases",
      input: {
        text: "tide tables",
        phases: ["outline"],
        variants: { outline: "terse" },
        costPerCallUsd: 0.01,
        drafts: { outline: 1 },
      },
      options: { mode: "auto" },
    });
    expect((await waitForRun(key, auto, isFinished, 30_000)).status).toBe("completed");

    // Decisions reach D1 just after they are made.
    const deadline = Date.now() + 10_000;
    let variants = await stats(key);
    while (variants.reduce((n, v) => n + v.uses, 0) < 5 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      variants = await stats(key);
    }
    expect(
      variants.map(({ costUsd, ...rest }) => ({ ...rest, costUsd: Math.round(costUsd * 100) / 100 })),
    ).toEqual([
      {
        template: "phases/phase",
        version: "1.0.0",
        variant: "base",
        uses: 2,
        approved: 2,
        firstPassApprovalRate: 0.5,
        meanRevisions: 0.5,
        costUsd: 0.03,
        byReviewer: { person: 2, agent: 0 },
      },
      {
        template: "phases/phase",
        version: "1.0.0",
        variant: "terse",
        uses: 3,
        approved: 2,
        firstPassApprovalRate: 0,
        meanRevisions: 1,
        costUsd: 0.06,
        byReviewer: { person: 2, agent: 1 },
      },
    ]);
    expect(await stats(key, "?template=book/article")).toEqual([]);
    expect((await api("/v1/prompts/stats?since=-1", authed(key))).status).toBe(400);
    const other = await createTestKey();
    expect(await stats(other.key)).toEqual([]);
  });

  it(
    "manga runs record each phase's variant in the step and its files; stats count them",
    { timeout: 300_000 },
    async () => {
      const { key } = await createTestKey();
      const start = (promptVariants?: Record<string, string>) =>
        startRun(key, {
          pipeline: "manga",
          input: { story: STORY, pages: 1 },
          options: { mode: "auto", ...(promptVariants ? { promptVariants } : {}) },
        });
      // Pinned to each storyboard variant, and one left to the weighted choice.
      const ids = await Promise.all([
        start({ "manga/storyboard": "beats-first" }),
        start({ "manga/storyboard": "base" }),
        start(),
      ]);
      for (const id of ids) {
        const run = await waitForRun(key, id, isFinished, 240_000);
        expect(run.status, JSON.stringify(run.failures)).toBe("completed");
      }
      const chosen = mangaPromptSet("storyboard").choose(`${ids[2]}/storyboard`).name;
      const expected = ["beats-first", "base", chosen];
      for (const [i, id] of ids.entries()) {
        expect(await nodePrompt(key, id, "storyboard")).toEqual({
          template: "manga/storyboard",
          version: expected[i] === "base" ? "1.0.0+1.0.0" : "1.1.0+1.0.0",
          variant: expected[i],
        });
        expect(await nodePrompt(key, id, "concept")).toEqual({
          template: "manga/concept",
          version: "1.0.0+1.0.0",
          variant: "base",
        });
      }
      // Stored files say which prompt made them, variant included.
      const res = await api(`/v1/workflows/${ids[0]}/artifacts?kind=panel_image`, authed(key));
      const { artifacts } = artifactListSchema.parse(await res.json());
      expect(artifacts.length).toBeGreaterThan(0);
      expect(new Set(artifacts.map((a) => a.promptVersion))).toEqual(
        new Set(["manga/scene-image@1.0.0+1.0.0#base"]),
      );

      const deadline = Date.now() + 10_000;
      let variants = await stats(key, "?template=manga/storyboard");
      while (variants.reduce((n, v) => n + v.uses, 0) < 3 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        variants = await stats(key, "?template=manga/storyboard");
      }
      const uses = (name: string) => expected.filter((v) => v === name).length;
      expect(variants.map(({ costUsd: _cost, ...rest }) => rest)).toEqual(
        (["base", "beats-first"] as const).map((variant) => ({
          template: "manga/storyboard",
          version: variant === "base" ? "1.0.0+1.0.0" : "1.1.0+1.0.0",
          variant,
          uses: uses(variant),
          approved: uses(variant),
          firstPassApprovalRate: 1,
          meanRevisions: 0,
          byReviewer: { person: 0, agent: uses(variant) },
        })),
      );
    },
  );
});
