/** Phase 1 — concept and world. */
import { z } from "zod";

const line = z.string().trim().min(1).max(400);

export const conceptSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  logline: z.string().trim().min(1).max(1_000),
  theme: line,
  genre: line,
  tone: line,
  settings: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(120), description: line }))
    .min(1)
    .max(12),
  audience: line,
  visualStyle: line,
});
export type Concept = z.output<typeof conceptSchema>;
