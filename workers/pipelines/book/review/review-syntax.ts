/**
 * The line-level syntax of Re:VIEW (https://github.com/kmuto/review/blob/master/doc/format.md)
 * shared by the block reader and the Markdown conversion: headings, block commands, lists,
 * comments and inline commands.
 */
import { dirname } from "../book-path.ts";

/** `==[column]{label} Title` → depth 2, options "column", label, title. */
export const HEADING = /^(={1,6})(?:\[([^\]]*)\])?(?:\{([^}]*)\})?[ \t]*(.*?)\s*$/;
/** `//list[id][caption][lang]{` — a block command with a body, closed by `//}`. */
export const BLOCK_OPEN = /^\/\/(\w+)((?:\[(?:[^\]\\]|\\.)*\])*)\s*\{\s*$/;
export const BLOCK_CLOSE = /^\/\/\}\s*$/;
/** `//image[id][caption]`, `//footnote[id][text]`, `//noindent`: a command on one line. */
export const SINGLE_COMMAND = /^\/\/(\w+)((?:\[(?:[^\]\\]|\\.)*\])*)\s*$/;
/** ` * item`, ` ** nested`, ` 1. item`, ` : term` (lists start with a space). */
export const LIST_ITEM = /^\s+(\*+|\d+\.|:)\s/;
export const COMMENT = /^#@/;

/** Block commands whose body is code: never cut, sent to models as a fenced block. */
export const CODE_BLOCKS = new Set(["list", "listnum", "emlist", "emlistnum", "cmd", "source"]);
export const IMAGE_BLOCKS = new Set(["image", "indepimage", "numberlessimage"]);

/** The bracketed arguments of a command: `[a][b\]c]` → ["a", "b]c"]. */
export function commandArgs(raw: string): string[] {
  return [...raw.matchAll(/\[((?:[^\]\\]|\\.)*)\]/g)].map((match) =>
    (match[1] ?? "").replace(/\\(.)/g, "$1"),
  );
}

/** Caption and language of a code block (argument positions differ per command). */
export function codeBlockInfo(name: string, args: string[]): { caption?: string; lang?: string } {
  const [first, second, third] = args;
  switch (name) {
    case "list":
    case "listnum":
      return { caption: second, lang: third };
    case "emlist":
    case "emlistnum":
      return { caption: first, lang: second };
    case "source":
      return { caption: first, lang: second };
    case "cmd":
      return { caption: first, lang: "sh" };
    default:
      return {};
  }
}

/**
 * Where Re:VIEW looks for an image `id` of a chapter file: `images/<chapter>/<id>.<ext>`,
 * `images/<chapter>-<id>.<ext>`, `images/<id>.<ext>`. The result is relative to the chapter
 * file's folder, like a Markdown image src.
 */
export function reviewImageSrc(
  id: string,
  chapterPath: string,
  hasFile: (path: string) => boolean,
): string | undefined {
  const dir = dirname(chapterPath);
  const chapter = chapterPath.slice(dir.length ? dir.length + 1 : 0).replace(/\.re$/i, "");
  const bases = [`images/${chapter}/${id}`, `images/${chapter}-${id}`, `images/${id}`];
  for (const base of bases) {
    for (const ext of ["png", "jpg", "jpeg", "gif", "svg"]) {
      const src = `${base}.${ext}`;
      if (hasFile(dir ? `${dir}/${src}` : src)) return src;
    }
  }
  return undefined;
}

const INLINE = /@<(\w+)>(?:\{((?:[^}\\]|\\.)*)\}|\$([^$]*)\$|\|([^|]*)\|)/g;

/**
 * Inline commands → Markdown. `@<chap>{ch02}` becomes a link to `ch02.re` and
 * `@<hd>{ch02|label}` one to `ch02.re#label`, so links between chapters resolve like Markdown's.
 *
 * @example
 * inlineToMarkdown("@<b>{太字}と@<code>{x}と@<href>{https://e.example, 例}"); // "**太字**と`x`と[例](https://e.example)"
 */
export function inlineToMarkdown(text: string): string {
  return text.replace(INLINE, (_all, name: string, braced?: string, dollar?: string, bar?: string) => {
    const body = (braced ?? dollar ?? bar ?? "").replace(/\\(.)/g, "$1");
    const [first = "", ...rest] = body.split(/\s*,\s*/);
    switch (name) {
      case "b":
      case "strong":
        return `**${body}**`;
      case "i":
      case "em":
        return `*${body}*`;
      case "code":
      case "tt":
      case "tti":
      case "ttb":
        return `\`${body}\``;
      case "href":
        return rest.length > 0 ? `[${rest.join(", ")}](${first})` : `<${first}>`;
      case "chap":
      case "title":
      case "chapref":
        return `[${body}](${body}.re)`;
      case "hd": {
        const [chapter, label] = body.includes("|") ? body.split("|") : [undefined, body];
        return chapter ? `[${label}](${chapter}.re#${label})` : `[${label}](#${label})`;
      }
      case "ruby":
        return rest.length > 0 ? `${first}（${rest.join(", ")}）` : first;
      case "kw":
        return rest.length > 0 ? `**${first}**（${rest.join(", ")}）` : `**${first}**`;
      case "br":
        return "\n";
      default:
        return body;
    }
  });
}
