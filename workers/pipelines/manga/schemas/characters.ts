/** Phase 2 — characters: who they are, how they look (reused by every later image prompt). */
import { z } from "zod";

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1a2b3c");
const text = z.string().trim().min(1).max(300);

export const appearanceSchema = z.strictObject({
  hair: text,
  eyes: text,
  build: text,
  outfit: text,
  palette: z.strictObject({ hair: hex, eyes: hex, skin: hex, outfit: hex, accent: hex }),
});

export const characterSchema = z.strictObject({
  /** Stable id used by the storyboard and lettering (`c1`, `c2`, …). */
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  name: z.string().trim().min(1).max(80),
  role: text,
  personality: text,
  appearance: appearanceSchema,
  /** The front-view character sheet (content-addressed PNG in R2), or null before it is drawn. */
  sheet: z
    .strictObject({ key: z.string().max(300), width: z.number().int(), height: z.number().int() })
    .nullable(),
});
export type Character = z.output<typeof characterSchema>;

export const charactersSchema = z.strictObject({
  characters: z
    .array(characterSchema)
    .min(1)
    .max(12)
    .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, "character ids must be unique"),
});
export type Characters = z.output<typeof charactersSchema>;

/** What the model is asked for: the sheet is ours to draw. */
export const charactersAnswerSchema = z.strictObject({
  characters: z
    .array(characterSchema.omit({ sheet: true }))
    .min(1)
    .max(12),
});
