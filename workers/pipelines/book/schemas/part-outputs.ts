/** Per part (a group of chapters): its overview article and its catalogue description. */
import { z } from "zod";

export const partIdSchema = z.string().regex(/^pt\d{2,}$/, "expected a part id like pt01");

export const partDescriptionSchema = z.object({
  title: z.string().min(1).max(200),
  description: z.string().min(1).max(1200),
  keywords: z.array(z.string().min(1).max(60)).min(3).max(12),
  /** The chapters it describes, in reading order (set by the step, not asked for). */
  chapterIds: z.array(z.string().min(1)).min(1),
});
export type PartDescription = z.infer<typeof partDescriptionSchema>;
