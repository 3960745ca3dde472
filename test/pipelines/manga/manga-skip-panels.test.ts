/**
 * The manga pipeline's `skip` and its per-panel scene images, in workerd with the offline
 * provider. A skipped phase is replaced by its step's documented fallback (a new version noted
 * "skipped", made without a provider call) and the later phases run on it; phase 5 draws one
 * step per panel, joined for its gate, and `panel pX-Y:` redraws that one panel only.
 * Loads resvg (panel art, page composition), so it runs in a workerd of its own (vitest.config.ts).
 */
import { describe, expect, it } from "vitest";
import { serverMessageSchema, type ServerMessage } from "../../../workers/protocol/live";
import { nodeDetailSchema, nodePageSchema, type NodeDetail } from "../../../workers/protocol/workflows";
import { api, authed, createTestKey } from "../../support/api";
import { isFinished, post, startRun, waitForRun } from "../../support/workflows";

const STORY = `Mara ran along the harbour wall while the storm rolled in. "Wait for me!" Tomas shouted.
Mara stopped at the old lighthouse and looked back at the town. The lamp was dark.
Tomas caught up, out of breath, holding the key their grandmother had left them.
"We light it tonight," Mara said. They climbed the spiral stairs together in the rain.
At the top the lamp flared, and far out at sea a small boat turned towards the light.`;

async function node(key: string, id: string, nodeId: string): Promise<NodeDetail> {
  const res = await api(`/v1/workflows/${id}/nodes/${encodeURIComponent(nodeId)}`, authed(key));
  expect(res.status, nodeId).toBe(200);
  return nodeDetailSchema.parse(await res.json());
}

async function waitForGate(key: string, id: string, gate: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while ((await node(key, id, gate)).status !== "waiting") {
    if (Date.now() > deadline) throw new Error(`${gate} never opened`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const review = (key: string, id: string, gate: string, body: unknown) =>
  post(key, `/v1/workflows/${id}/reviews/${gate}`, body);

async function panelImageArtifacts(key: string, id: string): Promise<number> {
  const res = await api(`/v1/workflows/${id}/artifacts?limit=500`, authed(key));
  const { artifacts } = await res.json<{ artifacts: { kind: string }[] }>();
  return artifacts.filter((a) => a.kind === "panel_image").length;
}

describe("manga: skip and per-panel images", () => {
  it(
    "skip replaces a model's output with the fallback; panels are one step each; skipped images leave panels empty",
    { timeout: 300_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, {
        pipeline: "manga",
        input: { story: STORY, pages: 2 },
        options: { mode: "dialog" },
      });
      const live = await api(`/v1/workflows/${id}/ws`, authed(key, { headers: { Upgrade: "websocket" } }));
      const ws = live.webSocket!;
      ws.accept();
      const inbox: ServerMessage[] = [];
      ws.addEventListener("message", (e) =>
        inbox.push(serverMessageSchema.parse(JSON.parse(String(e.data)))),
      );

      // 1 · concept: the model's answer (v1, by the offline provider), then a different answer
      // standing in for a real model's (v2). Skip: the fallback replaces it as v3.
      await waitForGate(key, id, "concept/review");
      const first = await node(key, id, "concept");
      expect(first.versions[0]).toMatchObject({ version: 1, source: "run", provider: "offline" });
      const modelAnswer = {
        ...(first.output as Record<string, unknown>),
        title: "The Keeper's Promise",
        logline: "A model's own reading of the story, nothing like the fallback.",
        genre: "mystery",
      };
      expect((await review(key, id, "concept/review", { action: "edit", output: modelAnswer })).status).toBe(
        200,
      );
      expect((await node(key, id, "concept")).output).toMatchObject({ title: "The Keeper's Promise" });
      expect((await review(key, id, "concept/review", { action: "skip" })).status).toBe(200);

      // The run moves on by itself: the skipped gate is never asked again.
      await waitForGate(key, id, "characters/review");
      const concept = await node(key, id, "concept");
      expect(concept.version).toBe(3);
      expect(concept.output).toEqual(first.output); // the deterministic fallback, from the story
      expect(concept.versions.at(-1)).toMatchObject({
        version: 3,
        source: "fallback",
        feedback: "skipped",
        provider: null, // no provider was called for it
        model: null,
        costUsd: 0,
      });
      expect((await node(key, id, "concept/review")).status).toBe("skipped");
      const conceptReviews = inbox.flatMap((m) =>
        m.type === "review" && m.review.gate === "concept/review" ? [m.review] : [],
      );
      expect(conceptReviews.at(-1)).toMatchObject({ state: "closed", resolution: "skip" });
      expect(conceptReviews.filter((r) => r.state === "open")).toHaveLength(2); // v1 and the edit

      for (const gate of ["characters", "plot", "storyboard"]) {
        await waitForGate(key, id, `${gate}/review`);
        expect((await review(key, id, `${gate}/review`, { action: "approve" })).status).toBe(200);
      }

      // 5 · one step per panel, joined for the gate.
      await waitForGate(key, id, "images/review");
      const board = (await node(key, id, "storyboard")).output as { pages: { panels: { id: string }[] }[] };
      const panelIds = board.pages.flatMap((p) => p.panels.map((panel) => panel.id));
      const listed = nodePageSchema.parse(
        await (await api(`/v1/workflows/${id}/nodes?limit=500`, authed(key))).json(),
      );
      const panelSteps = listed.nodes.filter((n) => n.handler === "panel-image");
      expect(panelSteps.map((n) => n.id).sort()).toEqual(panelIds.map((p) => `panels/${p}`).sort());
      expect(panelSteps.every((n) => n.status === "done" && n.provider === "offline")).toBe(true);
      type Images = { panels: { panelId: string; key: string }[] };
      const images = (await node(key, id, "images")).output as Images;
      expect(images.panels.map((p) => p.panelId)).toEqual(panelIds);
      for (const panelId of panelIds) {
        const drawn = (await node(key, id, `panels/${panelId}`)).output as { key: string };
        expect(images.panels.find((p) => p.panelId === panelId)?.key).toBe(drawn.key);
      }
      const grid = inbox.flatMap((m) =>
        m.type === "review" && m.review.gate === "images/review" && m.review.state === "open"
          ? [m.review]
          : [],
      );
      expect(grid.at(-1)?.view?.images.map((i) => i.target)).toEqual(panelIds);

      // `panel X:` redraws that one panel: one new image, no panel step runs again.
      const target = panelIds[1]!;
      const before = await panelImageArtifacts(key, id);
      const stepBefore = await node(key, id, `panels/${target}`);
      expect(
        (await review(key, id, "images/review", { action: "revise", feedback: `panel ${target}: at dusk` }))
          .status,
      ).toBe(200);
      await waitForGate(key, id, "images/review");
      const redrawn = (await node(key, id, "images")).output as Images;
      for (const panel of redrawn.panels) {
        const old = images.panels.find((p) => p.panelId === panel.panelId)!;
        if (panel.panelId === target) expect(panel.key).not.toBe(old.key);
        else expect(panel.key).toBe(old.key);
      }
      expect(await panelImageArtifacts(key, id)).toBe(before + 1);
      expect((await node(key, id, `panels/${target}`)).finishedAt).toBe(stepBefore.finishedAt);

      // Skipping the images: the fallback has none, and the later phases run on that.
      expect((await review(key, id, "images/review", { action: "skip" })).status).toBe(200);
      await waitForGate(key, id, "lettering/review");
      const skipped = await node(key, id, "images");
      expect(skipped.output).toEqual({ panels: [] });
      expect(skipped.versions.at(-1)).toMatchObject({ source: "fallback", feedback: "skipped" });
      expect((await review(key, id, "lettering/review", { action: "approve" })).status).toBe(200);
      await waitForGate(key, id, "final/review");
      const final = (await node(key, id, "final")).output as {
        report: { findings: { code: string; panelId?: string }[] };
      };
      const missing = final.report.findings.filter((f) => f.code === "missing_image").map((f) => f.panelId);
      expect(missing.sort()).toEqual([...panelIds].sort());
      expect((await review(key, id, "final/review", { action: "approve" })).status).toBe(200);
      expect((await waitForRun(key, id, isFinished, 60_000)).status).toBe("completed");
      ws.close();
    },
  );
});
