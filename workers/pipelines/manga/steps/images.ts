/**
 * Phase 5 — one image per panel through the gateway's image call, sized to the panel and stored
 * content-addressed in R2. Prompts describe each character exactly as phase 2 did, so they stay
 * recognisable from panel to panel. `panel p3-2: …` feedback redraws that panel only.
 */
import type { ArtifactRecord } from "../../../engine/types";
import type { CharacterLook } from "../../../media/manga/types";
import { defineStep } from "../../define-step";
import { gatewayFor, generateImage } from "../generate";
import { describeForPrompt, lookOf } from "../looks";
import { renderMangaPrompt } from "../prompts";
import type { Characters } from "../schemas/characters";
import { imagesSchema, type PanelImageRef } from "../schemas/images";
import type { Storyboard, StoryboardPanel } from "../schemas/storyboard";
import { imagesView } from "../previews/images";
import { charactersStep } from "./characters";
import { conceptStep } from "./concept";
import { phaseInputSchema } from "./phase-input";
import { storeImage } from "./store-image";
import { storyboardStep } from "./storyboard";
import { variantOf } from "./story";
import { targetOf } from "./targeted-feedback";
import { intentOf } from "../media";

/** Pixels per page unit of a panel image: the `high` page width (1600 px for 1000 units). */
export const PANEL_PIXELS_PER_UNIT = 1.6;
const PARALLEL_IMAGES = 4;

export const imagesStep = defineStep({
  input: phaseInputSchema,
  output: imagesSchema,
  async run(ctx) {
    const concept = await ctx.outputOf(conceptStep, "concept");
    const cast = await ctx.outputOf(charactersStep, "characters");
    const board = await ctx.outputOf(storyboardStep, "storyboard");
    const target = targetOf(ctx.node.feedback);
    const before = target?.kind === "panel" ? await ctx.revisedOutput() : null;
    const panels = board.pages.flatMap((page) => page.panels.map((panel) => ({ page: page.page, panel })));
    const kept = new Map((before?.panels ?? []).map((p) => [p.panelId, p]));
    const gateway = gatewayFor(ctx);
    const looks = new Map(cast.characters.map((c) => [c.id, lookOf(c)]));
    const artifacts: ArtifactRecord[] = [];
    let costUsd = 0;

    const draw = async ({
      page,
      panel,
    }: {
      page: number;
      panel: StoryboardPanel;
    }): Promise<PanelImageRef> => {
      const reuse = kept.get(panel.id);
      if (reuse && !(target?.kind === "panel" && target.id === panel.id)) return reuse;
      const note = target?.kind === "panel" ? target.note : ctx.node.feedback;
      const prompt = panelPrompt(concept.visualStyle, cast, panel, note);
      const width = Math.round(panel.rect.w * PANEL_PIXELS_PER_UNIT);
      const height = Math.round(panel.rect.h * PANEL_PIXELS_PER_UNIT);
      const image = await generateImage(gateway, prompt.message, width, height, {
        kind: "manga-panel",
        panel: {
          intent: intentOf(panel),
          rect: panel.rect,
          readingOrder: panel.readingOrder,
          row: panel.row,
        },
        looks: panel.characters.map((id) => looks.get(id)).filter((l): l is CharacterLook => Boolean(l)),
        variant: variantOf(note),
      });
      costUsd += image.costUsd;
      const stored = await storeImage(ctx.env.BUCKET, ctx.run.id, image.bytes, {
        kind: "panel_image",
        promptVersion: prompt.version,
        provider: image.provider,
        model: image.model,
      });
      artifacts.push(stored.record);
      return {
        panelId: panel.id,
        page,
        key: stored.key,
        sha256: stored.sha256,
        width,
        height,
        prompt: prompt.message.slice(0, 4_000),
        provider: image.provider,
      };
    };

    const out: PanelImageRef[] = [];
    for (let i = 0; i < panels.length; i += PARALLEL_IMAGES) {
      out.push(...(await Promise.all(panels.slice(i, i + PARALLEL_IMAGES).map(draw))));
    }
    return { output: { panels: out }, artifacts, usage: { costUsd } };
  },
  preview: imagesView,
});

export function panelPrompt(
  style: string,
  cast: Characters,
  panel: StoryboardPanel,
  note: string | undefined,
) {
  const people = cast.characters.filter((c) => panel.characters.includes(c.id)).map(describeForPrompt);
  const prompt = renderMangaPrompt("scene-image", {
    style,
    shot: panel.shot,
    angle: panel.angle,
    setting: panel.setting || "plain background",
    action: note ? `${panel.action} (${note})` : panel.action,
    characters: people.length ? people.join(" | ") : "none",
  });
  return prompt;
}

export type { Storyboard };
