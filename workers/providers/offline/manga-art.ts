/**
 * The offline provider's manga pictures: a request's structured hint (ImageHint) drawn with the
 * media library's procedural art — a character sheet in the character's palette, or a panel
 * with its setting, figures framed by the shot and effects by the action — rasterised by resvg
 * at the requested width. Deterministic: the same hint gives the same bytes; a revision's
 * `variant` reseeds the panel's details.
 */
import { characterSheetSvg } from "../../media/manga/art/character-sheet";
import { panelArtSvg } from "../../media/manga/art/panel-art";
import { svgToPng } from "../../media/render/svg-to-png";
import type { ImageHint } from "../types";

export async function renderMangaHint(hint: ImageHint, width: number): Promise<Uint8Array> {
  if (hint.kind === "manga-character-sheet") {
    return (await svgToPng(characterSheetSvg(hint.look), { width })).png;
  }
  const { intent, rect } = hint.panel;
  const panel = hint.variant ? { ...intent, id: `${intent.id}~${hint.variant}` } : intent;
  const svg = panelArtSvg({ panel, width: rect.w, height: rect.h, looks: hint.looks });
  return (await svgToPng(svg, { width })).png;
}
