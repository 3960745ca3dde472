/**
 * The top-level blocks of a parsed file with their source ranges: the atoms of splitting.
 * A block is never divided, so a code block, table, list, HTML block or blockquote always lands
 * whole in one unit.
 */
import type { Heading, Root, RootContent } from "mdast";
import { nodeRange } from "../../../media/markdown/parse-markdown.ts";

export interface Block {
  node: RootContent;
  start: number;
  end: number;
}

export function blocksOf(root: Root): Block[] {
  return root.children
    .filter((node) => node.type !== "definition" || node.position !== undefined)
    .map((node) => ({ node, ...nodeRange(node) }));
}

export function isHeading(block: Block | undefined, maxDepth = 6): block is Block & { node: Heading } {
  return block?.node.type === "heading" && block.node.depth <= maxDepth;
}

/** Front matter and link definitions carry no prose of their own. */
export function isContentBlock(block: Block): boolean {
  return !["yaml", "toml", "definition", "heading"].includes(block.node.type);
}
