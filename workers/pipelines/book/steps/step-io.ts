/**
 * Reading and writing for book steps: earlier outputs (through the run), stored files (R2), and
 * a step's own files as artifacts stamped with what made them.
 */
import { formatProvenance } from "../../prompt-set";
import { putArtifact } from "../../../engine/artifacts";
import { FatalStepError, RetryableStepError, type ArtifactRecord } from "../../../engine/types";
import { linkImages } from "../../../media/markdown/link-images";
import { isRunKey } from "../../../storage/run-keys";
import type { TypedStepContext } from "../../define-step";
import type { Generated } from "./generate";

/** Any book step's context: what the helpers here need, whatever the step's input. */
export type BookStepContext = TypedStepContext<unknown>;

/** A file of this run that an earlier step wrote; its key comes from that step's output. */
export async function readStoredText(ctx: BookStepContext, key: string): Promise<string> {
  // Keys come from stored outputs, which a reviewer may edit: never read another run's files.
  if (!isRunKey(ctx.run.id, key)) throw new FatalStepError(`${key} is not a file of this run`);
  const object = await ctx.env.BUCKET.get(key);
  // Written by an earlier step that has settled: missing means storage lag or a deleted run.
  if (!object) throw new RetryableStepError(`${key} is not in storage`);
  return object.text();
}

const CONTENT_TYPES = {
  md: "text/markdown; charset=utf-8",
  json: "application/json",
  png: "image/png",
} as const;

/** Stores one output file of a step, with the prompt and provider that made it. */
export function writeOutput(
  ctx: BookStepContext,
  key: string,
  kind: string,
  body: string | Uint8Array,
  made?: Pick<Generated<unknown>, "prompt" | "provider" | "model">,
): Promise<ArtifactRecord> {
  const extension = key.slice(key.lastIndexOf(".") + 1) as keyof typeof CONTENT_TYPES;
  return putArtifact(ctx.env.BUCKET, {
    key,
    kind,
    contentType: CONTENT_TYPES[extension] ?? "application/octet-stream",
    body,
    ...(made
      ? {
          promptVersion: formatProvenance(made.prompt),
          provider: made.provider,
          model: made.model,
        }
      : {}),
  });
}

const IMAGE_PATH = /(?:^|\/)(images\/[0-9a-f]{64}\.png)$/;

/**
 * Points links to stored figures (`…/images/<sha>.png`) at `prefix + images/<sha>.png`, so an
 * aggregated article written one or two folders up still finds them.
 */
export function rebaseImageLinks(markdown: string, prefix: string): string {
  return linkImages(markdown, (ref) => {
    if (ref.kind !== "src") return undefined;
    const match = IMAGE_PATH.exec(ref.src);
    return match ? `${prefix}${match[1]}` : undefined;
  });
}

const FIGURE_LINK = /!\[([^\]]*)\]\(([^\s)]*images\/[0-9a-f]{64}\.png)\)/g;

/**
 * An aggregated article keeps every figure of its parts: links the generator dropped are
 * appended, in the order the parts had them.
 */
export function keepFigureLinks(article: string, parts: string[]): string {
  const missing = new Map<string, string>();
  for (const part of parts) {
    for (const [, alt, url] of part.matchAll(FIGURE_LINK)) {
      if (url && !article.includes(url) && !missing.has(url)) missing.set(url, alt ?? "");
    }
  }
  if (missing.size === 0) return article;
  return `${article.trimEnd()}\n\n${[...missing].map(([url, alt]) => `![${alt}](${url})`).join("\n\n")}\n`;
}
