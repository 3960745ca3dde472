/**
 * Phase 6 — dialogue and lettering: what is said per panel (the editable part) and the pages as
 * composed with balloons placed by the lettering engine (the part people look at).
 */
import { z } from "zod";

export const letteringItemSchema = z.strictObject({
  kind: z.enum(["speech", "thought", "caption", "sfx"]),
  text: z.string().trim().min(1).max(400),
  speakerId: z.string().max(32).optional(),
});

export const letteringSchema = z.strictObject({
  panels: z
    .array(z.strictObject({ panelId: z.string().max(16), items: z.array(letteringItemSchema).max(8) }))
    .max(400),
  /** Lettered page compositions (SVG in R2, by hash), one per page. */
  pages: z.array(
    z.strictObject({ page: z.number().int().min(1), composition: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
  vertical: z.boolean(),
});
export type Lettering = z.output<typeof letteringSchema>;

/** What the model is asked for: the words only. */
export const letteringAnswerSchema = letteringSchema.pick({ panels: true });
