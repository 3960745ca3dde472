/**
 * Cutting a run of blocks at headings. Used twice: a single-file book is cut into chapters, and
 * every chapter (or chapter file) into sections.
 */
import type { Heading } from "mdast";
import { headingTitle } from "../../../media/markdown/heading-title.ts";
import { type Block, isContentBlock, isHeading } from "./blocks.ts";

export interface HeadingRange {
  start: number;
  end: number;
  blocks: Block[];
  /** The heading the range starts at (after merging, the first cutting heading inside it). */
  title?: string;
  anchor?: string;
}

/**
 * The heading depth to cut at: the shallowest depth present, except that a lone heading of that
 * depth opening the run is a title (of the book or file), and the next depth down is used.
 * `undefined` when there is nothing to cut at.
 */
export function pickCutDepth(blocks: Block[]): number | undefined {
  const headings = blocks.filter((block) => isHeading(block)).map((block) => (block.node as Heading).depth);
  // Headings before the first content block are titles (of the book, chapter or file).
  const firstContent = blocks.findIndex(isContentBlock);
  const leading = new Set<number>(
    blocks
      .slice(0, firstContent === -1 ? blocks.length : firstContent)
      .filter((block) => isHeading(block))
      .map((block) => (block.node as Heading).depth),
  );
  let candidates = headings;
  while (candidates.length > 0) {
    const top = Math.min(...candidates);
    const lone = candidates.filter((depth) => depth === top).length === 1;
    if (!(lone && leading.has(top))) return top;
    candidates = candidates.filter((depth) => depth > top);
  }
  return undefined;
}

/**
 * A range is titled by the last heading, no deeper than the cut depth, before its first content
 * block: "## 1. Overview / ### 1.1 Purpose" is the chapter "1. Overview" and the section
 * "1.1 Purpose".
 */
function withTitle(range: HeadingRange, depth: number | undefined): HeadingRange {
  const firstContent = range.blocks.findIndex(isContentBlock);
  const leading = range.blocks.slice(0, firstContent === -1 ? range.blocks.length : firstContent);
  const heading = leading.filter((block) => isHeading(block, depth ?? 6)).at(-1);
  return heading && isHeading(heading) ? { ...range, ...headingTitle(heading.node) } : range;
}

/**
 * Splits [start, end) before every top-level heading of depth <= `depth`. A leading range with
 * no content of its own (only a title heading, front matter or blank lines) is merged into the
 * next range, so no section is just a title.
 */
export function cutAtHeadings(
  blocks: Block[],
  start: number,
  end: number,
  depth: number | undefined,
): HeadingRange[] {
  const cuts: number[] = [];
  if (depth !== undefined) {
    blocks.forEach((block, index) => {
      // Shallower headings than `depth` can only be the lone title pickCutDepth stepped over.
      if (!isHeading(block, depth) || block.node.depth < depth) return;
      if (index > 0 || block.start > start) cuts.push(index);
    });
  }
  const ranges: HeadingRange[] = [];
  const bounds = [0, ...cuts, blocks.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] ?? 0;
    const to = bounds[i + 1] ?? blocks.length;
    const own = blocks.slice(from, to);
    const rangeStart = i === 0 ? start : (own[0]?.start ?? start);
    const rangeEnd = i + 2 < bounds.length ? (blocks[to]?.start ?? end) : end;
    const range: HeadingRange = { start: rangeStart, end: rangeEnd, blocks: own };
    ranges.push(range);
  }
  const [lead, next] = ranges;
  if (lead && next && !lead.blocks.some(isContentBlock)) {
    const merged: HeadingRange = { ...next, start: lead.start, blocks: [...lead.blocks, ...next.blocks] };
    return [merged, ...ranges.slice(2)].map((range) => withTitle(range, depth));
  }
  return ranges.map((range) => withTitle(range, depth));
}
