/** Phase 7 — final pages: compositions, the quality report and the exports. */
import { z } from "zod";

export const findingSchema = z.strictObject({
  code: z.string().max(40),
  severity: z.enum(["error", "warning"]),
  page: z.number().int(),
  panelId: z.string().max(16).optional(),
  message: z.string().max(1_000),
});

export const finalSchema = z.strictObject({
  pages: z.array(
    z.strictObject({ page: z.number().int().min(1), composition: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
  report: z.strictObject({ findings: z.array(findingSchema).max(2_000), ok: z.boolean() }),
  exports: z.strictObject({
    pngPages: z.array(z.string().max(300)),
    cbz: z.string().max(300).nullable(),
    pdf: z.string().max(300).nullable(),
  }),
});
export type Final = z.output<typeof finalSchema>;
