/**
 * A Re:VIEW (`.re`) file → the same top-level blocks a Markdown file gives (mdast nodes with
 * source offsets), so chapters, sections and units are cut by the same rules: `=` / `==`
 * headings, paragraphs, lists, code blocks (`//list`, `//emlist`, `//cmd`, … — a block is never
 * divided, an unclosed one runs to the end of the file), `//image` figures, `//table` tables, and
 * other `//name{ … //}` blocks (notes, columns, quotes) as block quotes.
 */
import type { Heading, PhrasingContent, Root, RootContent } from "mdast";
import {
  BLOCK_CLOSE,
  BLOCK_OPEN,
  CODE_BLOCKS,
  codeBlockInfo,
  COMMENT,
  commandArgs,
  HEADING,
  IMAGE_BLOCKS,
  inlineToMarkdown,
  LIST_ITEM,
  reviewImageSrc,
  SINGLE_COMMAND,
} from "./review-syntax.ts";

interface Line {
  text: string;
  start: number;
  /** Offset just after the line's last character, before its line break. */
  end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const at = text.indexOf("\n", start);
    const stop = at === -1 ? text.length : at;
    const end = stop > start && text[stop - 1] === "\r" ? stop - 1 : stop;
    lines.push({ text: text.slice(start, end), start, end });
    if (at === -1) break;
    start = at + 1;
  }
  return lines;
}

const position = (from: Line, to: Line) => ({
  start: { line: 0, column: 0, offset: from.start },
  end: { line: 0, column: 0, offset: to.end },
});

/** Markdown-style links and images of a paragraph, so collectRefs finds chapter links. */
function inlineChildren(text: string): PhrasingContent[] {
  const markdown = inlineToMarkdown(text);
  const children: PhrasingContent[] = [];
  for (const match of markdown.matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)) {
    children.push({
      type: "link",
      url: match[2] ?? "",
      children: [{ type: "text", value: match[1] ?? "" }],
    });
  }
  children.push({ type: "text", value: markdown });
  return children;
}

/**
 * @example
 * reviewRoot("= 章\n\n本文。\n\n//list[a][例][ruby]{\nputs 1\n//}\n", "ch01.re", () => false).children.map((n) => n.type);
 * // ["heading", "paragraph", "code"]
 */
export function reviewRoot(text: string, path: string, hasFile: (path: string) => boolean): Root {
  const lines = linesOf(text);
  const nodes: RootContent[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.text.trim() === "") {
      i++;
      continue;
    }
    const heading = HEADING.exec(line.text);
    if (heading && !(heading[2] ?? "").startsWith("/")) {
      const label = heading[3] ? ` {#${heading[3].replace(/[^A-Za-z0-9_:.-]/g, "-")}}` : "";
      nodes.push({
        type: "heading",
        depth: Math.min(6, heading[1]!.length) as Heading["depth"],
        children: [{ type: "text", value: `${inlineToMarkdown(heading[4] ?? "")}${label}` }],
        position: position(line, line),
      });
      i++;
      continue;
    }
    const open = BLOCK_OPEN.exec(line.text);
    if (open) {
      let close = i + 1;
      while (close < lines.length && !BLOCK_CLOSE.test(lines[close]!.text)) close++;
      const last = lines[Math.min(close, lines.length - 1)]!;
      const body = lines
        .slice(i + 1, close)
        .map((l) => l.text)
        .join("\n");
      const name = open[1]!;
      const args = commandArgs(open[2] ?? "");
      nodes.push(blockNode(name, args, body, path, hasFile, position(line, last)));
      i = close + 1;
      continue;
    }
    const single = SINGLE_COMMAND.exec(line.text);
    if (single || COMMENT.test(line.text)) {
      const name = single?.[1] ?? "";
      const args = commandArgs(single?.[2] ?? "");
      nodes.push(
        IMAGE_BLOCKS.has(name)
          ? blockNode(name, args, "", path, hasFile, position(line, line))
          : { type: "html", value: line.text, position: position(line, line) },
      );
      i++;
      continue;
    }
    // A list, or a paragraph: runs until a blank line or a line that starts something else.
    const isList = LIST_ITEM.test(line.text);
    let last = i;
    while (last + 1 < lines.length) {
      const next = lines[last + 1]!.text;
      if (next.trim() === "" || HEADING.test(next) || BLOCK_OPEN.test(next) || SINGLE_COMMAND.test(next))
        break;
      if (COMMENT.test(next)) break;
      if (isList && !/^\s/.test(next)) break;
      if (!isList && LIST_ITEM.test(next)) break;
      last++;
    }
    const textOf = lines
      .slice(i, last + 1)
      .map((l) => l.text)
      .join("\n");
    nodes.push(
      isList
        ? {
            type: "list",
            ordered: false,
            spread: false,
            children: [],
            position: position(line, lines[last]!),
          }
        : {
            type: "paragraph",
            children: inlineChildren(textOf),
            position: position(line, lines[last]!),
          },
    );
    i = last + 1;
  }
  return { type: "root", children: nodes };
}

function blockNode(
  name: string,
  args: string[],
  body: string,
  path: string,
  hasFile: (path: string) => boolean,
  at: ReturnType<typeof position>,
): RootContent {
  if (CODE_BLOCKS.has(name)) {
    const { lang } = codeBlockInfo(name, args);
    return { type: "code", lang: lang || null, value: body, position: at };
  }
  if (IMAGE_BLOCKS.has(name)) {
    const [id = "", caption = ""] = args;
    const src = reviewImageSrc(id, path, hasFile);
    // A figure whose file is not in the upload is reported by collectRefs as image_missing.
    return {
      type: "paragraph",
      children: [{ type: "image", url: src ?? `images/${id}.png`, alt: caption }],
      position: at,
    };
  }
  if (name === "table") return { type: "table", children: [], position: at };
  return {
    type: "blockquote",
    children: [{ type: "paragraph", children: inlineChildren(body) }],
    position: at,
  };
}
