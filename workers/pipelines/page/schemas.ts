/** The page pipeline's step outputs: questions, spec, file plan and the generated site. */
import { z } from "zod";
import { sourceSchema } from "../generators/knowledge";

/**
 * Clarifying questions with the agent's own answer to each (`assumed: true`). In dialog mode the
 * person answers at the gate by editing `answer` (and setting `assumed: false`), or by feedback.
 */
export const questionsSchema = z.strictObject({
  questions: z
    .array(
      z.strictObject({
        id: z.string().regex(/^q[0-9]{1,2}$/),
        question: z.string().min(1).max(500),
        why: z.string().max(500),
        answer: z.string().max(2_000),
        assumed: z.boolean(),
      }),
    )
    .min(1)
    .max(8),
});
export type Questions = z.output<typeof questionsSchema>;

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, "#rrggbb");

export const pageSpecSchema = z.strictObject({
  title: z.string().min(1).max(200),
  /** BCP 47 language of the site's text (`<html lang>`). */
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
  purpose: z.string().min(1).max(2_000),
  audience: z.string().min(1).max(1_000),
  pages: z
    .array(
      z.strictObject({
        file: z.string().regex(/^[a-z0-9][a-z0-9-]*\.html$/),
        heading: z.string().min(1).max(200),
        sections: z
          .array(z.strictObject({ heading: z.string().min(1).max(200), text: z.string().max(4_000) }))
          .max(12),
      }),
    )
    .min(1)
    .max(8),
  palette: z.strictObject({ text: hex, background: hex, accent: hex, onAccent: hex }),
  interactions: z.array(z.string().max(500)).max(10),
  assumptions: z.array(z.string().max(500)).max(20),
  sources: z.array(sourceSchema).max(20).default([]),
});
export type PageSpec = z.output<typeof pageSpecSchema>;

export const SITE_FILE_PATH = /^[a-z0-9][a-z0-9-]*\.(html|css|js)$/;

export const planSchema = z.strictObject({
  files: z
    .array(
      z.strictObject({
        path: z.string().regex(SITE_FILE_PATH, "<name>.html, .css or .js"),
        purpose: z.string().min(1).max(1_000),
        links: z.array(z.string()).max(20),
      }),
    )
    .min(1)
    .max(12)
    .refine((files) => files.some((f) => f.path === "index.html"), "the plan needs an index.html"),
});
export type Plan = z.output<typeof planSchema>;

export const siteFileSchema = z.strictObject({
  path: z.string().regex(SITE_FILE_PATH, "<name>.html, .css or .js"),
  content: z.string().max(100_000),
});
export type SiteFile = z.infer<typeof siteFileSchema>;

/** What the model answers each round: every file, complete. */
export const siteFilesSchema = z.strictObject({
  files: z
    .array(siteFileSchema)
    .min(1)
    .max(12)
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, "file paths must be unique"),
});

export const problemSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().min(0),
  rule: z.string(),
  message: z.string(),
});

export const siteSchema = z.strictObject({
  files: siteFilesSchema.shape.files,
  /** `clean`: no problem left after the checks; `problems`: some remain after the fix rounds. */
  status: z.enum(["clean", "problems"]),
  problems: z.array(problemSchema),
  rounds: z
    .array(
      z.strictObject({
        round: z.number().int().min(1),
        problems: z.number().int().min(0),
        changed: z.array(z.string()),
        diff: z.string(),
      }),
    )
    .min(1),
  /** This version against the version before it ("" for the first version). */
  diff: z.string(),
  /** Where the site is served (sandboxed) for this run: `<previewUrl>index.html`. */
  previewUrl: z.string(),
});
export type Site = z.output<typeof siteSchema>;
