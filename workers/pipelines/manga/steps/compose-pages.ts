/**
 * Composing pages: the storyboard's geometry, the panel images and the balloons placed by the
 * lettering engine, as one SVG per page (stored by hash). Lettering (phase 6) and the final
 * pages (phase 7) compose the same way, so an unchanged page has the same hash in both.
 */
import type { Balloon, ComposedPage, LetteringItem, PanelImage } from "../../../media/manga/types";
import { RetryableStepError } from "../../../engine/types";
import { composePageSvg, layoutOfBoardPage, letterPage } from "../media";
import type { Images } from "../schemas/images";
import type { Lettering } from "../schemas/lettering";
import type { Storyboard } from "../schemas/storyboard";
import { storeComposition } from "./compositions";

export type ComposedBoardPage = {
  page: number;
  composition: string;
  svg: string;
  composed: ComposedPage;
  /** The lines per panel, so the quality report can name lines that found no place. */
  items: Record<string, LetteringItem[] | undefined>;
};

export async function composePages(
  bucket: R2Bucket,
  runId: string,
  board: Storyboard,
  images: Images,
  panels: Lettering["panels"],
  language: "ja" | "en",
): Promise<ComposedBoardPage[]> {
  const itemsByPanel = new Map(panels.map((p) => [p.panelId, p.items]));
  const imageByPanel = new Map(images.panels.map((p) => [p.panelId, p]));
  const out: ComposedBoardPage[] = [];
  for (const page of board.pages) {
    const layout = layoutOfBoardPage(page, board.direction);
    const pictures: Record<string, PanelImage | undefined> = {};
    for (const panel of page.panels) {
      const ref = imageByPanel.get(panel.id);
      if (!ref) continue; // drawn as a marked empty panel and reported as missing
      const object = await bucket.get(ref.key);
      if (!object) throw new RetryableStepError(`panel image ${ref.key} is missing from storage`);
      pictures[panel.id] = { mimeType: "image/png", bytes: new Uint8Array(await object.arrayBuffer()) };
    }
    const lettering: Record<string, Balloon[] | undefined> = letterPage(layout, itemsByPanel);
    const composed: ComposedPage = { layout, images: pictures, lettering, language };
    const svg = composePageSvg(composed);
    const items = Object.fromEntries(page.panels.map((p) => [p.id, itemsByPanel.get(p.id)]));
    out.push({
      page: page.page,
      composition: await storeComposition(bucket, runId, svg),
      svg,
      composed,
      items,
    });
  }
  return out;
}
