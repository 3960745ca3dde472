/**
 * What the reader needs of a finished manga run: how many final pages there are (the `final`
 * phase's output) and the reading direction (the storyboard's), from GET …/nodes/:node.
 */
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { nodeDetailSchema } from "../../../workers/protocol/workflows.ts";
import { apiFetch } from "../http/client.ts";
import type { ReadingDirection } from "./reader-keys.ts";

/** Only the fields read here; the pipeline's own schemas stay below the web layer. */
const finalPagesSchema = z.object({ pages: z.array(z.object({ page: z.number().int() })) });
const storyboardDirectionSchema = z.object({ direction: z.enum(["rtl", "ltr"]) });

export function useMangaBook(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["manga-book", runId],
    enabled,
    queryFn: async (): Promise<{ pages: number[]; direction: ReadingDirection }> => {
      const [final, storyboard] = await Promise.all([
        apiFetch(`/v1/workflows/${runId}/nodes/final`, nodeDetailSchema),
        apiFetch(`/v1/workflows/${runId}/nodes/storyboard`, nodeDetailSchema),
      ]);
      const pages = finalPagesSchema.safeParse(final.output);
      const board = storyboardDirectionSchema.safeParse(storyboard.output);
      return {
        pages: pages.success ? pages.data.pages.map((p) => p.page).sort((a, b) => a - b) : [],
        // A storyboard kept in R2 (very long books) is not read here; Japanese manga read rtl.
        direction: board.success ? board.data.direction : "rtl",
      };
    },
  });
}
