/**
 * Points a Markdown text's figures at their stored PNGs: `![alt](src)`, definitions of
 * reference images (`[id]: src`, when `resolve` knows the src),
 * HTML `<img src>` and ```mermaid / ```svg fences (which become `![diagram](url)`). Used on a
 * unit's text before it goes to a generator and on generated articles, so published Markdown
 * links to PNG only and never embeds user SVG.
 */
import type { Node, Parent } from "mdast";
import { parseMarkdown } from "./parse-markdown.ts";

export type FigureRef = { kind: "src"; src: string } | { kind: "mermaid" | "svg"; code: string };

interface Edit {
  start: number;
  end: number;
  text: string;
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of (node as Parent).children ?? []) walk(child, visit);
}

/**
 * @param resolve returns the URL to use for a figure, or undefined to leave it unchanged
 * @example
 * linkImages("![a](img/x.svg)", (ref) => ref.kind === "src" ? "images/ab12….png" : undefined);
 * // "![a](images/ab12….png)"
 */
export function linkImages(markdown: string, resolve: (ref: FigureRef) => string | undefined): string {
  const edits: Edit[] = [];
  walk(parseMarkdown(markdown), (node) => {
    const n = node as Node & Record<string, unknown>;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    if (n.type === "image" || n.type === "definition") {
      const url = resolve({ kind: "src", src: String(n.url) });
      if (url === undefined) return;
      const source = markdown.slice(start, end);
      // Replace only the destination after "](" or "]:", keeping alt text and title as written.
      const open = n.type === "image" ? source.lastIndexOf("](") : source.indexOf("]:");
      if (open === -1) return;
      // The destination stops at whitespace (a title follows) or at the link's closing ")";
      // balanced parentheses inside it are part of it.
      const destination = source.slice(open + 2).match(/^\s*(<[^>]*>|(?:[^\s()]+|\([^\s()]*\))+)/);
      if (!destination) return;
      const from = start + open + 2 + (destination.index ?? 0);
      const leading = destination[0].length - destination[0].trimStart().length;
      edits.push({ start: from + leading, end: from + destination[0].length, text: url });
    } else if (n.type === "html") {
      const html = String(n.value);
      const replaced = html.replace(
        /(<img\b[^>]*?\bsrc\s*=\s*)("([^"]*)"|'([^']*)')/gi,
        (whole: string, prefix: string, _quoted: string, double?: string, single?: string) => {
          const url = resolve({ kind: "src", src: double ?? single ?? "" });
          return url === undefined ? whole : `${prefix}"${url}"`;
        },
      );
      if (replaced !== html) edits.push({ start, end, text: replaced });
    } else if (n.type === "code" && (n.lang === "mermaid" || n.lang === "svg")) {
      const url = resolve({ kind: n.lang, code: String(n.value) });
      if (url !== undefined) edits.push({ start, end, text: `![${n.lang} diagram](${url})` });
    }
  });
  let out = markdown;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}
