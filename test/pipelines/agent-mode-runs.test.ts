/**
 * Whole offline runs of the real pipelines under the agent modes: a manga and a book (with
 * chapter review gates) finish in `auto` with no person, every gate answered by the agent's
 * critic; in `dialog` the book waits at each chapter's gate. Loads the renderers (panel art,
 * thumbnails), so it runs in a workerd of its own (RENDER_TESTS in vitest.config.ts).
 */
import { describe, expect, it } from "vitest";
import { reviewHistorySchema, type ReviewRecord } from "../../workers/protocol/workflows";
import { api, authed, createTestKey } from "../support/api";
import { isFinished, post, startRun, waitForRun } from "../support/workflows";

const STORY =
  'Mira found a letter on the beach. "Who wrote this?" Mira asked. Old Tom smiled at Mira. ' +
  '"Someone who waited forty years," Tom said.';

const BOOK = `# Threads

## Spinning

Spinning twists fibres into thread. A drop spindle is the oldest tool for it.

## Weaving

Weaving crosses threads at right angles: the warp holds still, the weft goes over and under.

# Dyes

## Plants

Indigo and madder gave the first lasting colours.
`;

async function history(key: string, id: string): Promise<ReviewRecord[]> {
  const res = await api(`/v1/workflows/${id}/reviews`, authed(key));
  expect(res.status).toBe(200);
  return reviewHistorySchema.parse(await res.json()).reviews;
}

async function gateStatus(key: string, id: string, gate: string): Promise<string | undefined> {
  const res = await api(`/v1/workflows/${id}/nodes/${gate}`, authed(key));
  return res.status === 200 ? (await res.json<{ status: string }>()).status : undefined;
}

async function waitForGate(key: string, id: string, gate: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await gateStatus(key, id, gate)) !== "waiting") {
    if (Date.now() > deadline) throw new Error(`${gate} never opened`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("agent modes on whole runs, offline", () => {
  it(
    "a manga run in auto mode finishes with every phase approved by the agent",
    { timeout: 240_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, {
        pipeline: "manga",
        input: { story: STORY, pages: 1 },
        options: { mode: "auto" },
      });
      const run = await waitForRun(key, id, isFinished, 200_000);
      expect(run.status, JSON.stringify(run.failures)).toBe("completed");
      const h = await history(key, id);
      expect(h.map((r) => `${r.gate}:${r.reviewer}:${r.action}`)).toEqual(
        ["concept", "characters", "plot", "storyboard", "images", "lettering", "final"].map(
          (phase) => `${phase}/review:agent:approve`,
        ),
      );
      expect(h.every((r) => r.confidence === 0.9 && r.critic === `${r.gate}/critic-1`)).toBe(true);
    },
  );

  it(
    "a book with chapter reviews finishes in auto mode; in dialog mode it waits at each chapter",
    { timeout: 240_000 },
    async () => {
      const { key } = await createTestKey();
      const auto = await startRun(key, {
        pipeline: "book",
        input: { markdown: BOOK, name: "threads.md", review: "chapters" },
        options: { mode: "auto" },
      });
      const done = await waitForRun(key, auto, isFinished, 200_000);
      expect(done.status, JSON.stringify(done.failures)).toBe("completed");
      const h = await history(key, auto);
      expect(h.every((r) => r.reviewer === "agent")).toBe(true);
      for (const gate of ["ch01/metadata/review", "ch02/metadata/review"]) {
        const answers = h.filter((r) => r.gate === gate);
        // The offline critic applies the metadata's rule (distinct keywords): a chapter whose
        // extractive keywords repeat is revised, at most twice, then approved with a note.
        expect(answers.at(-1)!.action, gate).toBe("approve");
        const revisions = answers.filter((r) => r.action === "revise").length;
        expect(revisions).toBeLessThanOrEqual(2);
        expect(answers).toHaveLength(revisions + 1);
        if (revisions === 2) expect(answers.at(-1)!.feedback).toMatch(/^Approved after 2 agent revisions/);
        if (revisions > 0) expect(answers[0]!.feedback).toBe("Some keywords repeat: give distinct keywords.");
      }

      const dialog = await startRun(key, {
        pipeline: "book",
        input: { markdown: BOOK, name: "threads.md", review: "chapters" },
        options: { mode: "dialog" },
      });
      for (const gate of ["ch01/metadata/review", "ch02/metadata/review"])
        await waitForGate(key, dialog, gate);
      // Nothing after a chapter's metadata runs before a person answers.
      expect(await gateStatus(key, dialog, "ch01/tweets")).toBe("pending");
      expect(await gateStatus(key, dialog, "book/metadata")).toBe("pending");
      for (const gate of ["ch01/metadata/review", "ch02/metadata/review"]) {
        expect(
          (await post(key, `/v1/workflows/${dialog}/reviews/${gate}`, { action: "approve" })).status,
        ).toBe(200);
      }
      expect((await waitForRun(key, dialog, isFinished, 200_000)).status).toBe("completed");
      expect((await history(key, dialog)).map((r) => r.reviewer)).toEqual(["person", "person"]);
    },
  );
});
