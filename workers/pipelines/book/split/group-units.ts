/**
 * Paragraph units: consecutive blocks of a section grouped up to a token budget. Cuts fall only
 * between blocks, never right after a heading (a heading stays with what it introduces), and
 * never between a sentence ending in ":" and the code, list or table it introduces.
 */
import { estimateTokens } from "../../../media/markdown/estimate-tokens.ts";
import type { Block } from "./blocks.ts";

export interface UnitRange {
  start: number;
  end: number;
  blocks: Block[];
  tokens: number;
}

function introduces(previous: Block | undefined, text: string): boolean {
  if (!previous || previous.node.type !== "paragraph") return false;
  return /[:：]\s*$/u.test(text.slice(previous.start, previous.end));
}

function mustStayWith(previous: Block | undefined, block: Block, text: string): boolean {
  if (previous?.node.type === "heading") return true;
  return ["code", "list", "table"].includes(block.node.type) && introduces(previous, text);
}

/**
 * @example
 * groupUnits(text, blocks, 0, text.length, 600); // [{ start: 0, end: 812, blocks: [...], tokens: 590 }, ...]
 */
export function groupUnits(
  text: string,
  blocks: Block[],
  start: number,
  end: number,
  budget: number,
): UnitRange[] {
  if (blocks.length === 0)
    return [{ start, end, blocks: [], tokens: estimateTokens(text.slice(start, end)) }];
  const units: UnitRange[] = [];
  let current: UnitRange = { start, end, blocks: [], tokens: 0 };
  blocks.forEach((block, index) => {
    // A block's cost includes the blank lines after it, up to the next block.
    const next = blocks[index + 1];
    const cost = estimateTokens(text.slice(block.start, next ? next.start : end));
    const previous = current.blocks.at(-1);
    const over = current.tokens + cost > budget;
    if (current.blocks.length > 0 && over && !mustStayWith(previous, block, text)) {
      current.end = block.start;
      units.push(current);
      current = { start: block.start, end, blocks: [], tokens: 0 };
    }
    current.blocks.push(block);
    current.tokens += cost;
  });
  current.end = end;
  units.push(current);
  return units;
}
