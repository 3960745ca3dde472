/**
 * The manga pipeline end to end in workerd with the offline provider: an auto run to finished
 * pages and exports, and a dialog run that exercises every review action on the phases
 * (buffered, revise, fine-grained revise, edit good and bad, select, compare, skip, back).
 * Loads resvg (panel art, page renders), so it runs in a workerd of its own (vitest.config.ts).
 */
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { serverMessageSchema, type ServerMessage } from "../../../workers/protocol/live";
import { versionComparisonSchema } from "../../../workers/protocol/workflows";
import { api, authed, createTestKey } from "../../support/api";
import { getRun, isFinished, post, startRun, waitForRun } from "../../support/workflows";

const STORY = `「おはよう、ミオちゃん。」駅のホームでハルさんが手を振った。ミオは海の見える町に着いた。
古い家の部屋には、届かなかった手紙が並んでいた。「これは何？」とミオが聞いた。
雨の午後、ミオは灯台の下でカイさんに会った。カイさんは絵を描いていた。
「この字、おばあちゃんの字だ！」カイさんが叫んだ。二人は夕日の海沿いを走った。
老婦人は手紙を読んで、静かに笑った。夏の終わり、ミオは駅で手を振った。`;

type Artifact = { path: string; url: string; kind: string; contentType: string };
type NodeDetail = {
  status: string;
  version: number;
  output: Record<string, unknown>;
  versions: { version: number; source: string; feedback: string | null }[];
};

const png = (bytes: Uint8Array) => ({
  isPng: String.fromCharCode(...bytes.slice(1, 4)) === "PNG",
  width: new DataView(bytes.buffer, bytes.byteOffset).getUint32(16),
  height: new DataView(bytes.buffer, bytes.byteOffset).getUint32(20),
});

async function node(key: string, id: string, nodeId: string): Promise<NodeDetail> {
  const res = await api(`/v1/workflows/${id}/nodes/${nodeId}`, authed(key));
  expect(res.status).toBe(200);
  return res.json<NodeDetail>();
}

async function waitForGate(key: string, id: string, gate: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if ((await node(key, id, gate)).status === "waiting") return;
    if (Date.now() > deadline) throw new Error(`${gate} never opened`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const review = (key: string, id: string, gate: string, body: unknown) =>
  post(key, `/v1/workflows/${id}/reviews/${gate}`, body);

describe("manga pipeline, offline", () => {
  it(
    "auto mode: story to lettered pages, PNG/CBZ/PDF exports, pages at every quality; other tenants get 404",
    { timeout: 240_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, {
        pipeline: "manga",
        input: { story: STORY, pages: 2 },
        options: { mode: "auto" },
      });
      const run = await waitForRun(key, id, isFinished, 180_000);
      expect(run.status, JSON.stringify(run.failures)).toBe("completed");

      // The offline phases read the story: its names become the characters.
      const cast = (await node(key, id, "characters")).output as { characters: { name: string }[] };
      expect(cast.characters.map((c) => c.name)).toEqual(expect.arrayContaining(["ミオ", "ハル", "カイ"]));
      const board = (await node(key, id, "storyboard")).output as { direction: string; pages: unknown[] };
      expect(board.direction).toBe("rtl"); // Japanese story → right to left by default
      expect(board.pages).toHaveLength(2);

      const listed = await api(`/v1/workflows/${id}/artifacts?limit=500`, authed(key));
      const artifacts = (await listed.json<{ artifacts: Artifact[] }>()).artifacts;
      const kinds = new Set(artifacts.map((a) => a.kind));
      for (const kind of ["manga_page", "manga_cbz", "manga_pdf", "panel_image", "character_sheet"])
        expect(kinds).toContain(kind);
      expect(artifacts.some((a) => /svg|html/.test(a.contentType))).toBe(false);

      const cbz = unzipSync(
        new Uint8Array(
          await (await api(artifacts.find((a) => a.kind === "manga_cbz")!.url, authed(key))).arrayBuffer(),
        ),
      );
      expect(Object.keys(cbz)).toContain("ComicInfo.xml");
      expect(strFromU8(cbz["ComicInfo.xml"]!)).toContain("<Manga>YesAndRightToLeft</Manga>");
      const pdf = new Uint8Array(
        await (await api(artifacts.find((a) => a.kind === "manga_pdf")!.url, authed(key))).arrayBuffer(),
      );
      expect(strFromU8(pdf.slice(0, 5))).toBe("%PDF-");

      const first = await api(`/v1/workflows/${id}/pages/1?quality=preview`, authed(key));
      expect(first.status).toBe(200);
      expect(first.headers.get("X-Render-Cache")).toBe("miss");
      expect(png(new Uint8Array(await first.arrayBuffer()))).toEqual({
        isPng: true,
        width: 320,
        height: 452,
      });
      const again = await api(`/v1/workflows/${id}/pages/1?quality=preview`, authed(key));
      expect(again.headers.get("X-Render-Cache")).toBe("hit");
      expect((await api(`/v1/workflows/${id}/pages/9?quality=low`, authed(key))).status).toBe(404);
      expect((await api(`/v1/workflows/${id}/pages/1?quality=huge`, authed(key))).status).toBe(400);

      const zip = unzipSync(
        new Uint8Array(await (await api(`/v1/workflows/${id}/export.zip`, authed(key))).arrayBuffer()),
      );
      expect(
        Object.keys(zip).filter((p) => /manga\/export\/(page-\d+\.png|manga\.cbz|manga\.pdf)$/.test(p)),
      ).toHaveLength(4);

      const other = await createTestKey();
      const routes = [
        `/v1/workflows/${id}`,
        `/v1/workflows/${id}/nodes`,
        `/v1/workflows/${id}/nodes/concept`,
        `/v1/workflows/${id}/versions/concept?a=1&b=1`,
        `/v1/workflows/${id}/artifacts`,
        artifacts[0]!.url,
        `/v1/workflows/${id}/export.zip`,
        `/v1/workflows/${id}/pages/1?quality=preview`,
        `/v1/workflows/${id}/events`,
      ];
      for (const path of routes) expect((await api(path, authed(other.key))).status, path).toBe(404);
      expect((await review(other.key, id, "final/review", { action: "approve" })).status).toBe(404);
      expect((await post(other.key, `/v1/workflows/${id}/tickets`)).status).toBe(404);
      const upgrade = { headers: { Upgrade: "websocket" } };
      expect((await api(`/v1/workflows/${id}/ws`, authed(other.key, upgrade))).status).toBe(404);
      for (const action of ["pause", "resume", "cancel", "retry"])
        expect((await post(other.key, `/v1/workflows/${id}/${action}`)).status, action).toBe(404);
      // None of it touched the run.
      expect((await getRun(key, id)).status).toBe("completed");
    },
  );

  it(
    "dialog mode: buffered, revise, fine-grained revise, edit, bad edit, select, compare, skip and back",
    { timeout: 240_000 },
    async () => {
      const { key } = await createTestKey();
      const id = await startRun(key, {
        pipeline: "manga",
        input: { story: STORY, pages: 2 },
        options: { mode: "dialog" },
      });
      // An answer for a gate the run has not reached is kept until it opens.
      const early = await review(key, id, "plot/review", { action: "approve" });
      expect(early.status).toBe(202);

      const live = await api(`/v1/workflows/${id}/ws`, authed(key, { headers: { Upgrade: "websocket" } }));
      const ws = live.webSocket!;
      ws.accept();
      const inbox: ServerMessage[] = [];
      ws.addEventListener("message", (e) =>
        inbox.push(serverMessageSchema.parse(JSON.parse(String(e.data)))),
      );

      // 1 · concept: revise makes version 2; select brings version 1 back without a provider call.
      await waitForGate(key, id, "concept/review");
      expect(
        (await review(key, id, "concept/review", { action: "revise", feedback: "more melancholy" })).status,
      ).toBe(200);
      await waitForGate(key, id, "concept/review");
      expect((await node(key, id, "concept")).version).toBe(2);
      const compared = versionComparisonSchema.parse(
        await (await api(`/v1/workflows/${id}/versions/concept?a=1&b=2`, authed(key))).json(),
      );
      expect(compared.before.view?.kind).toBe("manga.concept-card");
      expect(compared.after.feedback).toBe("more melancholy");
      expect((await review(key, id, "concept/review", { action: "select", version: 1 })).status).toBe(200);
      const selected = await node(key, id, "concept");
      expect(selected.version).toBe(1);
      expect(selected.status).toBe("done"); // nothing re-ran
      expect(selected.versions.map((v) => v.version)).toEqual([1, 2]);
      expect((await review(key, id, "concept/review", { action: "approve" })).status).toBe(200);

      // 2 · characters: a bad edit is refused with paths; a good one becomes a version.
      await waitForGate(key, id, "characters/review");
      const cast = (await node(key, id, "characters")).output as { characters: Record<string, unknown>[] };
      const bad = await review(key, id, "characters/review", {
        action: "edit",
        output: { characters: [{ ...cast.characters[0], appearance: { hair: "red" } }] },
      });
      expect(bad.status).toBe(400);
      const badBody = await bad.json<{ error: { code: string; details: { issues: { path: string }[] } } }>();
      expect(badBody.error.code).toBe("validation_failed");
      expect(badBody.error.details.issues.map((i) => i.path)).toContain(
        "output.characters.0.appearance.eyes",
      );
      const edited = structuredClone(cast);
      (edited.characters[0]!.appearance as { outfit: string }).outfit = "a red raincoat";
      expect((await review(key, id, "characters/review", { action: "edit", output: edited })).status).toBe(
        200,
      );
      expect((await node(key, id, "characters")).version).toBe(2);
      // The preview every client sees carries image URLs, not images.
      const sheets = inbox.flatMap((m) =>
        m.type === "review" && m.review.reviews === "characters" ? [m.review] : [],
      );
      expect(sheets.at(-1)?.view?.images[0]?.url).toMatch(
        new RegExp(`^/v1/workflows/${id}/artifacts/manga/images/[0-9a-f]{64}\\.png$`),
      );
      expect((await review(key, id, "characters/review", { action: "approve" })).status).toBe(200);

      // 3 · plot was answered early (buffered approve): the run goes on to the storyboard.
      await waitForGate(key, id, "storyboard/review");
      const board = (await node(key, id, "storyboard")).output as {
        pages: { page: number; panels: { rect: object }[] }[];
      };
      // A panel moved onto another is refused by the layout check, with the panel's path.
      const overlapping = structuredClone(board);
      overlapping.pages[0]!.panels[1]!.rect = overlapping.pages[0]!.panels[0]!.rect;
      const moved = await review(key, id, "storyboard/review", { action: "edit", output: overlapping });
      expect(moved.status).toBe(400);
      const movedIssues = (
        await moved.json<{ error: { details: { issues: { path: string; message: string }[] } } }>()
      ).error.details.issues;
      expect(
        movedIssues.some(
          (i) => /^output\.pages\.0\.panels\.[01]\.rect$/.test(i.path) && i.message.includes("panel_overlap"),
        ),
      ).toBe(true);
      // Page 2 re-laid out alone: page 1 stays exactly as it was.
      expect(
        (await review(key, id, "storyboard/review", { action: "revise", feedback: "page 2: calmer" })).status,
      ).toBe(200);
      await waitForGate(key, id, "storyboard/review");
      const reboard = (await node(key, id, "storyboard")).output as typeof board;
      expect(reboard.pages[0]).toEqual(board.pages[0]);
      expect((await review(key, id, "storyboard/review", { action: "approve" })).status).toBe(200);

      // 5 · images: one panel redrawn, every other panel kept.
      await waitForGate(key, id, "images/review");
      type Images = { panels: { panelId: string; key: string }[] };
      const images = (await node(key, id, "images")).output as Images;
      const target = images.panels[1]!.panelId;
      expect(
        (await review(key, id, "images/review", { action: "revise", feedback: `panel ${target}: at dusk` }))
          .status,
      ).toBe(200);
      await waitForGate(key, id, "images/review");
      const redrawn = (await node(key, id, "images")).output as Images;
      for (const panel of redrawn.panels) {
        const before = images.panels.find((p) => p.panelId === panel.panelId)!;
        if (panel.panelId === target) expect(panel.key).not.toBe(before.key);
        else expect(panel.key).toBe(before.key);
      }
      expect((await review(key, id, "images/review", { action: "approve" })).status).toBe(200);

      // 6 · lettering → back to 2: characters reopen, everything after them is stale and re-runs.
      await waitForGate(key, id, "lettering/review");
      expect(
        (await review(key, id, "lettering/review", { action: "back", to: "characters/review" })).status,
      ).toBe(200);
      await waitForGate(key, id, "characters/review");
      expect((await node(key, id, "lettering")).status).toBe("pending");
      for (const gate of ["characters", "plot", "storyboard", "images"]) {
        await waitForGate(key, id, `${gate}/review`);
        expect((await review(key, id, `${gate}/review`, { action: "approve" })).status).toBe(200);
      }
      // 6 · skip: the lettering's fallback replaces its output and the final phase runs on it.
      await waitForGate(key, id, "lettering/review");
      expect((await review(key, id, "lettering/review", { action: "skip" })).status).toBe(200);
      await waitForGate(key, id, "final/review");
      expect((await node(key, id, "lettering")).versions.at(-1)).toMatchObject({
        source: "fallback",
        feedback: "skipped",
      });
      expect((await review(key, id, "final/review", { action: "approve" })).status).toBe(200);
      const done = await waitForRun(key, id, isFinished, 60_000);
      expect(done.status).toBe("completed");
      expect((await getRun(key, id)).progress.waitingReview).toBe(0);
      ws.close();
    },
  );
});
