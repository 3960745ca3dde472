/** The manga pipeline's own route: pages rendered at a chosen quality. */
import { z } from "zod";

/** Fixed page widths in pixels (height = width × 1414 / 1000). */
export const PAGE_QUALITIES = ["ultra", "high", "medium", "low", "preview"] as const;

export const pageQuerySchema = z.strictObject({
  quality: z.enum(PAGE_QUALITIES).default("preview"),
  /**
   * A page composition by its SHA-256 (what previews link to, so an old version's page stays
   * reachable); without it, page `n` of the run's current final pages.
   */
  composition: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

/**
 * The limits of the manga pipeline's input (workers/pipelines/manga/input.ts checks them on the
 * server), for clients that check a story before sending it. test/web/app-logic.test.ts keeps
 * the two in step.
 */
export const MANGA_INPUT_LIMITS = {
  minStoryChars: 20,
  maxStoryBytes: 200 * 1024,
  defaultPages: 8,
  maxPages: 40,
  maxStyleNotesChars: 2_000,
} as const;
