/** Per chapter: a video title and description within YouTube's limits. */
import { z } from "zod";

export const videoDescriptionSchema = z.object({
  // YouTube: titles up to 100 characters, descriptions up to 5000, tags up to 500 in total.
  title: z.string().min(1).max(100),
  description: z.string().min(1).max(5000),
  tags: z
    .array(z.string().min(1).max(100))
    .max(30)
    .refine((tags) => tags.join(",").length <= 500, { message: "tags over 500 characters in total" }),
  chapters: z
    .array(
      z.object({ timestamp: z.string().regex(/^(\d+:)?\d{1,2}:\d{2}$/), title: z.string().min(1).max(100) }),
    )
    .max(50)
    .default([]),
});
export type VideoDescription = z.infer<typeof videoDescriptionSchema>;
