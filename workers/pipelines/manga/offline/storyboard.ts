/**
 * Phase 4 without a model: each page tells the beats of its scene(s), one beat a panel (two to
 * six panels a page). Shots follow how manga is usually cut: a scene opens wide, speech is
 * framed close, an exclamation gets a low or tilted angle; the lines quoted in a beat go with it.
 */
import type { CameraAngle, Shot } from "../../../media/manga/types";
import type { Characters } from "../schemas/characters";
import type { Plot } from "../schemas/plot";
import { clip, hashOf, pick, quotesIn } from "./story-facts";

/** A storyboard panel before layout: what the model (or this fallback) decides. */
export type PanelPlan = {
  id: string;
  shot: Shot;
  angle: CameraAngle;
  characters: string[];
  action: string;
  setting: string;
  scene: string;
  lines: { speaker: string | null; text: string }[];
  notes: string;
  weight?: number;
};
export type PagePlan = { page: number; panels: PanelPlan[] };

type Beat = { text: string; scene: string; setting: string; cast: string[]; opensScene: boolean };

function beatsByPage(plot: Plot, pages: number): Beat[][] {
  const byPage: Beat[][] = Array.from({ length: pages }, () => []);
  for (const scene of plot.acts.flatMap((a) => a.scenes)) {
    const sceneBeats = scene.beats.length ? scene.beats : [scene.summary];
    const ownPages = scene.pages.filter((p) => p >= 1 && p <= pages);
    const targets = ownPages.length ? ownPages : [Math.min(pages, Math.max(1, scene.pages[0] ?? 1))];
    sceneBeats.forEach((text, i) => {
      const page = targets[Math.floor((i * targets.length) / sceneBeats.length)]!;
      byPage[page - 1]!.push({
        text,
        scene: scene.id,
        setting: scene.setting,
        cast: scene.characters,
        opensScene: i === 0,
      });
    });
  }
  return byPage;
}

function shotFor(beat: Beat, index: number, seed: number): { shot: Shot; angle: CameraAngle } {
  if (beat.opensScene) return { shot: index === 0 ? "establishing" : "wide", angle: "eye-level" };
  if (/[!！]/.test(beat.text)) return { shot: "close-up", angle: pick(["low", "dutch"] as const, seed) };
  if (quotesIn(beat.text).length)
    return { shot: pick(["close-up", "medium"] as const, seed), angle: "eye-level" };
  return {
    shot: pick(["medium", "full", "medium", "wide"] as const, seed + index),
    angle: pick(["eye-level", "high", "eye-level"] as const, seed),
  };
}

export function offlineStoryboard(plot: Plot, cast: Characters, pages: number, variant: number): PagePlan[] {
  const byPage = beatsByPage(plot, pages);
  return byPage.map((beats, p) => {
    let list = beats.slice(0, 6);
    // A page with one beat still needs a reaction panel; an empty page repeats the last scene.
    if (list.length === 0)
      list = (
        byPage
          .slice(0, p)
          .reverse()
          .find((b) => b.length) ??
        byPage.find((b) => b.length) ??
        []
      ).slice(-1);
    if (list.length === 1) list = [list[0]!, { ...list[0]!, opensScene: false }];
    return {
      page: p + 1,
      panels: list.map((beat, i) => {
        const seed = hashOf(`${beat.text}|${variant}`);
        const named = cast.characters.filter((c) => beat.text.includes(c.name)).map((c) => c.id);
        const characters = (named.length ? named : beat.cast.slice(0, 1)).slice(0, 3);
        const speaker = characters[0] ?? null;
        const { shot, angle } = shotFor(beat, i, seed);
        return {
          id: `p${p + 1}-${i + 1}`,
          shot,
          angle,
          characters: shot === "establishing" ? [] : characters,
          action: clip(beat.text.replace(/「[^」]*」|"[^"]*"|“[^”]*”/g, "").trim() || beat.text, 580),
          setting: beat.setting,
          scene: beat.scene,
          lines: quotesIn(beat.text)
            .slice(0, 3)
            .map((text) => ({ speaker, text: clip(text, 380) })),
          notes: clip(`${shot}, ${angle}: ${beat.text}`, 580),
          ...(shot === "establishing" || shot === "wide" ? { weight: 1.6 } : {}),
        };
      }),
    };
  });
}
