/**
 * Phase 7 — final pages: every page composed from the current storyboard, images and lettering
 * (so an edited line shows here), the quality report (text overflow, balloon overlaps, reading
 * order, missing images) and the exports: a PNG per page, a CBZ with ComicInfo.xml, a PDF.
 */
import { putArtifact } from "../../../engine/artifacts";
import type { ArtifactRecord } from "../../../engine/types";
import { defineStep } from "../../define-step";
import { mangaKeys } from "../keys";
import { qualityFindings, renderPng } from "../media";
import { finalSchema } from "../schemas/final";
import { finalView } from "../previews/final";
import { composePages } from "./compose-pages";
import { imagesStep } from "./images";
import { letteringStep } from "./lettering";
import { phaseInputSchema } from "./phase-input";
import { storyboardStep } from "./storyboard";
import { loadStory } from "./story";

/** Exported page PNGs are rendered at this quality (1600 px wide). */
export const EXPORT_QUALITY = "high";

export const finalStep = defineStep({
  input: phaseInputSchema,
  output: finalSchema,
  async run(ctx) {
    const story = await loadStory(ctx);
    const board = await ctx.outputOf(storyboardStep, "storyboard");
    const images = await ctx.outputOf(imagesStep, "images");
    const lettering = await ctx.outputOf(letteringStep, "lettering");
    const pages = await composePages(
      ctx.env.BUCKET,
      ctx.run.id,
      board,
      images,
      lettering.panels,
      story.info.language,
    );
    const findings = qualityFindings(pages.map((p) => ({ ...p.composed, items: p.items })));

    const artifacts: ArtifactRecord[] = [];
    const pngs: Uint8Array[] = [];
    for (const page of pages) {
      const png = await renderPng(page.svg, EXPORT_QUALITY);
      pngs.push(png);
      artifacts.push(
        await putArtifact(ctx.env.BUCKET, {
          key: mangaKeys.pagePng(ctx.run.id, page.page),
          kind: "manga_page",
          contentType: "image/png",
          body: png,
        }),
      );
    }
    return {
      output: {
        pages: pages.map(({ page, composition }) => ({ page, composition })),
        report: { findings, ok: !findings.some((f) => f.severity === "error") },
        exports: {
          pngPages: artifacts.filter((a) => a.kind === "manga_page").map((a) => a.key),
          cbz: null,
          pdf: null,
        },
      },
      artifacts,
    };
  },
  preview: finalView,
});
