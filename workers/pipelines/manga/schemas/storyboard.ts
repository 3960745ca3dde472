/**
 * Phase 4 — the name (storyboard): per page, panels as rectangles in page units (1000 × 1414)
 * with reading order, shot, angle, who is in it and what happens. The geometry is checked with
 * the layout engine's `validateLayout`, so an edit that moves a panel over another or out of
 * the margins is refused with the path of the panel.
 */
import { z } from "zod";
import { CAMERA_ANGLES, SHOTS } from "../../../media/manga/types";
import { checkPageGeometry } from "../media";

export const rectSchema = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
  w: z.number().finite().positive(),
  h: z.number().finite().positive(),
});

export const panelSchema = z.strictObject({
  id: z.string().regex(/^p[0-9]{1,3}-[0-9]{1,2}$/),
  rect: rectSchema,
  readingOrder: z.number().int().min(1),
  row: z.number().int().min(0),
  shot: z.enum(SHOTS),
  angle: z.enum(CAMERA_ANGLES),
  characters: z.array(z.string().max(32)).max(6),
  action: z.string().trim().min(1).max(600),
  setting: z.string().trim().max(200),
  /** The plot scene this panel tells (`s3`). */
  scene: z.string().max(8),
  /** The story's lines this panel carries, for lettering. */
  lines: z
    .array(z.strictObject({ speaker: z.string().max(32).nullable(), text: z.string().max(400) }))
    .max(6),
  /** Notes for the artist, shown on the rough storyboard. */
  notes: z.string().max(600),
});
export type StoryboardPanel = z.output<typeof panelSchema>;

export const storyboardPageSchema = z.strictObject({
  page: z.number().int().min(1),
  panels: z.array(panelSchema).min(1).max(9),
  /** The rough storyboard drawing (SVG composition in R2, by hash). */
  rough: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});

export const storyboardSchema = z
  .strictObject({
    direction: z.enum(["rtl", "ltr"]),
    pages: z.array(storyboardPageSchema).min(1).max(40),
  })
  .superRefine((board, ctx) => {
    board.pages.forEach((page, p) => {
      for (const problem of checkPageGeometry(page, board.direction)) {
        const index = page.panels.findIndex((panel) => panel.id === problem.panelId);
        ctx.addIssue({
          code: "custom",
          path: index >= 0 ? ["pages", p, "panels", index, "rect"] : ["pages", p],
          message: `${problem.code}: ${problem.message}`,
        });
      }
    });
  });
export type Storyboard = z.output<typeof storyboardSchema>;
