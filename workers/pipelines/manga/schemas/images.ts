/** Phase 5 — scene images: one stored image per panel, sized to the panel. */
import { z } from "zod";

export const panelImageSchema = z.strictObject({
  panelId: z.string().max(16),
  page: z.number().int().min(1),
  /** Content-addressed PNG in the run's R2 folder. */
  key: z.string().max(300),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  prompt: z.string().max(4_000),
  provider: z.string().max(40),
});
export type PanelImageRef = z.output<typeof panelImageSchema>;

export const imagesSchema = z.strictObject({ panels: z.array(panelImageSchema).max(400) });
export type Images = z.output<typeof imagesSchema>;
