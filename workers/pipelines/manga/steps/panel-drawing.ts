/**
 * Drawing one panel of phase 5: the prompt (each character described exactly as phase 2 did, so
 * they stay recognisable from panel to panel), the gateway's image call sized to the panel, and
 * the PNG stored content-addressed in R2. Used by the per-panel steps and by a targeted revise.
 */
import type { ArtifactRecord } from "../../../engine/types";
import type { CharacterLook } from "../../../media/manga/types";
import type { Gateway } from "../../../providers/gateway";
import type { TypedStepContext } from "../../define-step";
import { generateImage } from "../generate";
import { describeForPrompt, lookOf } from "../looks";
import { intentOf } from "../media";
import { renderMangaPrompt } from "../prompts";
import {
  formatProvenance,
  promptPick,
  provenanceOf,
  type PromptPick,
  type PromptProvenance,
} from "../../prompt-set";
import type { Characters } from "../schemas/characters";
import type { Concept } from "../schemas/concept";
import type { PanelImageRef } from "../schemas/images";
import type { Storyboard, StoryboardPanel } from "../schemas/storyboard";
import { charactersStep } from "./characters";
import { conceptStep } from "./concept";
import { storeImage } from "./store-image";
import { storyboardStep } from "./storyboard";
import { variantOf } from "./story";

/**
 * Pixels per page unit of a panel image: the `medium` page width (1024 px for 1000 units). At
 * the `high` width (1.6) the offline art of an 8-page book took minutes of resvg time on a busy
 * 2-core machine; higher qualities scale the panel images up.
 */
export const PANEL_PIXELS_PER_UNIT = 1;

/** What every panel's drawing needs from the earlier phases. */
export type PanelSources = { concept: Concept; cast: Characters; board: Storyboard };

export async function panelSources(ctx: TypedStepContext<unknown>): Promise<PanelSources> {
  const [concept, cast, board] = await Promise.all([
    ctx.outputOf(conceptStep, "concept"),
    ctx.outputOf(charactersStep, "characters"),
    ctx.outputOf(storyboardStep, "storyboard"),
  ]);
  return { concept, cast, board };
}

/** The storyboard's panels in reading order of pages, each with its page number. */
export function boardPanels(board: Storyboard): { page: number; panel: StoryboardPanel }[] {
  return board.pages.flatMap((page) => page.panels.map((panel) => ({ page: page.page, panel })));
}

export type DrawnPanel = {
  ref: PanelImageRef;
  artifact: ArtifactRecord;
  costUsd: number;
  provider: string;
  model: string;
  /** The scene-image prompt's template, version and variant. */
  prompt: PromptProvenance;
};

export async function drawPanel(
  ctx: TypedStepContext<unknown>,
  gateway: Gateway,
  sources: PanelSources,
  { page, panel }: { page: number; panel: StoryboardPanel },
  note: string | undefined,
): Promise<DrawnPanel> {
  const { concept, cast } = sources;
  const prompt = panelPrompt(promptPick(ctx), concept.visualStyle, cast, panel, note);
  const width = Math.round(panel.rect.w * PANEL_PIXELS_PER_UNIT);
  const height = Math.round(panel.rect.h * PANEL_PIXELS_PER_UNIT);
  const looks = new Map(cast.characters.map((c) => [c.id, lookOf(c)]));
  const image = await generateImage(gateway, prompt.message, width, height, {
    kind: "manga-panel",
    panel: { intent: intentOf(panel), rect: panel.rect, readingOrder: panel.readingOrder, row: panel.row },
    looks: panel.characters.map((id) => looks.get(id)).filter((l): l is CharacterLook => Boolean(l)),
    variant: variantOf(note),
  });
  const stored = await storeImage(ctx.env.BUCKET, ctx.run.id, image.bytes, {
    kind: "panel_image",
    promptVersion: formatProvenance(prompt),
    provider: image.provider,
    model: image.model,
  });
  return {
    ref: {
      panelId: panel.id,
      page,
      key: stored.key,
      sha256: stored.sha256,
      width,
      height,
      prompt: prompt.message.slice(0, 4_000),
      provider: image.provider,
    },
    artifact: stored.record,
    costUsd: image.costUsd,
    provider: image.provider,
    model: image.model,
    prompt: provenanceOf(prompt),
  };
}

export function panelPrompt(
  pick: PromptPick,
  style: string,
  cast: Characters,
  panel: StoryboardPanel,
  note: string | undefined,
) {
  const people = cast.characters.filter((c) => panel.characters.includes(c.id)).map(describeForPrompt);
  return renderMangaPrompt("scene-image", pick, {
    style,
    shot: panel.shot,
    angle: panel.angle,
    setting: panel.setting || "plain background",
    action: note ? `${panel.action} (${note})` : panel.action,
    characters: people.length ? people.join(" | ") : "none",
  });
}
