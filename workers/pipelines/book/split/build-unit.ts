/**
 * One paragraph unit from its range: the exact source slice, the text generators read
 * (directives resolved), its images and links, and the heading anchors it holds (for resolving
 * links to it later).
 */
import type { Definition } from "mdast";
import { estimateTokens } from "../../../media/markdown/estimate-tokens.ts";
import { headingTitle } from "../../../media/markdown/heading-title.ts";
import type { BookWarning, Unit } from "../book-model.ts";
import { resolveDirectives } from "../directives/resolve-directives.ts";
import { reviewToMarkdown } from "../review/review-to-markdown.ts";
import type { BookLimits } from "../limits.ts";
import { anchorSlug } from "./anchors.ts";
import { isHeading } from "./blocks.ts";
import { collectRefs } from "./collect-refs.ts";
import type { UnitRange } from "./group-units.ts";
import { textForModels } from "./model-text.ts";

export interface UnitContext {
  path: string;
  text: string;
  definitions: Map<string, Definition>;
  readText: (path: string) => string | undefined;
  hasFile: (path: string) => boolean;
  variables: Record<string, string>;
  /** Where site-absolute links start (VitePress / Docusaurus). */
  siteRoot?: string;
  limits: BookLimits;
  warnings: BookWarning[];
}

export function buildUnit(
  id: string,
  number: number,
  range: UnitRange,
  ctx: UnitContext,
): { unit: Unit; anchors: string[] } {
  const source = ctx.text.slice(range.start, range.end);
  // Re:VIEW is converted to Markdown for the generators; Markdown gets its directives resolved
  // and site-generator markup ({#id}, template tags) removed.
  const resolved = /\.re$/i.test(ctx.path)
    ? { text: reviewToMarkdown(source, ctx.path, ctx.hasFile), warnings: [] }
    : resolveDirectives(source, {
        path: ctx.path,
        readFile: ctx.readText,
        variables: ctx.variables,
        limits: ctx.limits,
      });
  if (!/\.re$/i.test(ctx.path)) resolved.text = textForModels(resolved.text);
  const refs = collectRefs(range.blocks, {
    path: ctx.path,
    hasFile: ctx.hasFile,
    definitions: ctx.definitions,
    ...(ctx.siteRoot !== undefined ? { siteRoot: ctx.siteRoot } : {}),
  });
  ctx.warnings.push(...resolved.warnings, ...refs.warnings);
  const anchors = range.blocks.flatMap((block) => {
    if (!isHeading(block)) return [];
    const { title, anchor } = headingTitle(block.node);
    return [anchor ?? anchorSlug(title)];
  });
  const unit: Unit = {
    id,
    number,
    path: ctx.path,
    start: range.start,
    end: range.end,
    source,
    text: resolved.text,
    tokens: estimateTokens(resolved.text),
    blocks: range.blocks.map((block) => block.node.type),
    images: refs.images,
    links: refs.links,
  };
  return { unit, anchors };
}
