/** Phase 3 — plot: three acts → scenes → beats, each scene given its pages. */
import { z } from "zod";

export const sceneSchema = z.strictObject({
  id: z.string().regex(/^s[0-9]{1,3}$/),
  summary: z.string().trim().min(1).max(1_000),
  setting: z.string().trim().min(1).max(200),
  characters: z.array(z.string().max(32)).max(12),
  beats: z.array(z.string().trim().min(1).max(500)).min(1).max(12),
  /** 1-based pages this scene is told on. */
  pages: z.array(z.number().int().min(1)).min(1),
});
export type Scene = z.output<typeof sceneSchema>;

export const plotSchema = z.strictObject({
  acts: z
    .array(
      z.strictObject({
        act: z.number().int().min(1).max(3),
        title: z.string().trim().min(1).max(200),
        scenes: z.array(sceneSchema).min(1).max(30),
      }),
    )
    .length(3),
});
export type Plot = z.output<typeof plotSchema>;
