/**
 * Markdown → mdast with exact source positions (CommonMark + GFM tables, lists, footnotes,
 * strikethrough, autolinks, and YAML/TOML front matter). Splitting relies on the positions:
 * every unit is a slice `text.slice(start, end)` of the original file.
 */
import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { frontmatter } from "micromark-extension-frontmatter";
import { gfm } from "micromark-extension-gfm";

/**
 * @example
 * const root = parseMarkdown("# Title\n\nText");
 * root.children[0]?.position?.start.offset; // 0
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfm(), frontmatter(["yaml", "toml"])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(["yaml", "toml"])],
  });
}

/** Start and end offsets of a node that came from `parseMarkdown` (always positioned). */
export function nodeRange(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): {
  start: number;
  end: number;
} {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}
