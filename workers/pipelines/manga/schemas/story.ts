/** The run's settings as the first step stored them (the story itself is in R2). */
import { z } from "zod";

export const storySchema = z.strictObject({
  storyKey: z.string().max(300),
  language: z.enum(["ja", "en"]),
  direction: z.enum(["rtl", "ltr"]),
  pages: z.number().int().min(1),
  title: z.string().nullable(),
  styleNotes: z.string().nullable(),
  characters: z.number().int(),
  sentences: z.number().int(),
});
export type StoryInfo = z.output<typeof storySchema>;
