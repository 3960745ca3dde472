/**
 * Uploaded documents as plain text for the index: Markdown through its syntax tree (mdast),
 * HTML through a real HTML parser (parse5 via hast) — scripts, styles and markup never reach
 * the index, and no regular expression guesses at tags.
 */
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
import type { Root, RootContent } from "mdast";

export const KNOWLEDGE_FORMATS = ["markdown", "text", "html"] as const;
export type KnowledgeFormat = (typeof KNOWLEDGE_FORMATS)[number];

/** Markdown blocks as paragraphs of text, a blank line between them. */
function markdownText(source: string): string {
  const tree: Root = fromMarkdown(source);
  return tree.children
    .map((node: RootContent) => toString(node))
    .filter((t) => t.trim() !== "")
    .join("\n\n");
}

function htmlText(source: string): string {
  const tree = fromHtml(source);
  // Script and style contents are not text a reader sees.
  const strip = (node: { children?: unknown[] }) => {
    if (!node.children) return;
    node.children = node.children.filter(
      (c) =>
        !(
          typeof c === "object" &&
          c &&
          "tagName" in c &&
          ["script", "style", "template"].includes(String(c.tagName))
        ),
    );
    for (const c of node.children) strip(c as { children?: unknown[] });
  };
  strip(tree as { children?: unknown[] });
  return toText(tree, { whitespace: "normal" });
}

export function documentText(format: KnowledgeFormat, source: string): string {
  if (format === "markdown") return markdownText(source);
  if (format === "html") return htmlText(source);
  return source;
}
