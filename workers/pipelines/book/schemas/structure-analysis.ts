/** Per section: what it teaches, the terms it uses, how hard it is, what visuals would help. */
import { z } from "zod";

export const structureAnalysisSchema = z.object({
  summary: z.string().min(1).max(1000),
  keyPoints: z.array(z.string().min(1).max(300)).min(1).max(12),
  terms: z
    .array(z.object({ term: z.string().min(1).max(100), definition: z.string().min(1).max(400) }))
    .max(30),
  difficulty: z.enum(["beginner", "intermediate", "advanced"]),
  prerequisites: z.array(z.string().min(1).max(200)).max(10).default([]),
  suggestedVisuals: z
    .array(
      z.object({
        kind: z.enum(["diagram", "flowchart", "sequence", "table", "chart", "illustration", "code"]),
        description: z.string().min(1).max(400),
      }),
    )
    .max(8),
});
export type StructureAnalysis = z.infer<typeof structureAnalysisSchema>;
