/**
 * Re:VIEW source → Markdown, for the text generators read (`unit.text`); the unit's `source`
 * stays the `.re` slice. Headings become `#`, code blocks fences (caption above), figures
 * Markdown images (same src as the unit's image refs), tables Markdown tables, lists Markdown
 * lists, other blocks quotes; comments are dropped and inline commands converted.
 */
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

function table(rows: string[], caption: string | undefined): string[] {
  const separator = rows.findIndex((row) => /^-{3,}\s*$/.test(row));
  const cells = (row: string) =>
    row.split(/\t+/).map((cell) => inlineToMarkdown(cell.replace(/^\.$/, "")).trim());
  const body = rows.filter((_, index) => index !== separator).map(cells);
  const width = Math.max(1, ...body.map((row) => row.length));
  const line = (row: string[]) => `| ${Array.from({ length: width }, (_, i) => row[i] ?? "").join(" | ")} |`;
  const [head = [], ...rest] = separator === -1 ? [[], ...body] : body;
  return [
    ...(caption ? [`**${inlineToMarkdown(caption)}**`, ""] : []),
    line(head),
    line(Array.from({ length: width }, () => "---")),
    ...rest.map(line),
  ];
}

function listItem(line: string): string {
  const match = /^\s+(\*+|\d+\.|:)\s+(.*)$/.exec(line);
  if (!match) return `  ${inlineToMarkdown(line.trim())}`;
  const [, marker = "*", rest = ""] = match;
  if (marker === ":") return `- **${inlineToMarkdown(rest)}**`;
  if (marker.endsWith(".")) return `${marker} ${inlineToMarkdown(rest)}`;
  return `${"  ".repeat(marker.length - 1)}- ${inlineToMarkdown(rest)}`;
}

/**
 * @example
 * reviewToMarkdown("== 節\n\n//emlist[例][ts]{\nconst a = 1;\n//}\n", "ch01.re", () => false);
 * // "## 節\n\n**例**\n\n```ts\nconst a = 1;\n```\n"
 */
export function reviewToMarkdown(source: string, path: string, hasFile: (path: string) => boolean): string {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heading = HEADING.exec(line);
    if (heading) {
      if (!(heading[2] ?? "").startsWith("/"))
        out.push(`${"#".repeat(heading[1]!.length)} ${inlineToMarkdown(heading[4] ?? "")}`);
      continue;
    }
    const open = BLOCK_OPEN.exec(line);
    if (open) {
      const body: string[] = [];
      while (i + 1 < lines.length && !BLOCK_CLOSE.test(lines[i + 1] ?? "")) body.push(lines[++i] ?? "");
      i++;
      const name = open[1] ?? "";
      const args = commandArgs(open[2] ?? "");
      if (CODE_BLOCKS.has(name)) {
        const { caption, lang } = codeBlockInfo(name, args);
        if (caption) out.push(`**${inlineToMarkdown(caption)}**`, "");
        const fence = body.some((b) => b.startsWith("```")) ? "~~~~" : "```";
        out.push(`${fence}${lang ?? ""}`, ...body, fence);
      } else if (IMAGE_BLOCKS.has(name)) {
        out.push(image(args, path, hasFile));
      } else if (name === "table") {
        out.push(...table(body, args[1]));
      } else {
        const caption = args[0] ? [`> **${inlineToMarkdown(args[0])}**`, ">"] : [];
        out.push(...caption, ...body.map((b) => `> ${inlineToMarkdown(b)}`.trimEnd()));
      }
      continue;
    }
    const single = SINGLE_COMMAND.exec(line);
    if (single) {
      const name = single[1] ?? "";
      const args = commandArgs(single[2] ?? "");
      if (IMAGE_BLOCKS.has(name)) out.push(image(args, path, hasFile));
      else if (name === "footnote") out.push(`[^${args[0] ?? ""}]: ${inlineToMarkdown(args[1] ?? "")}`);
      else if (name === "lead" || name === "quote") out.push(`> ${inlineToMarkdown(args[0] ?? "")}`);
      continue;
    }
    if (COMMENT.test(line)) continue;
    out.push(
      LIST_ITEM.test(line) || (/^\s/.test(line) && line.trim() !== "" && LIST_ITEM.test(lines[i - 1] ?? ""))
        ? listItem(line)
        : inlineToMarkdown(line),
    );
  }
  return out.join("\n");
}

function image(args: string[], path: string, hasFile: (path: string) => boolean): string {
  const [id = "", caption = ""] = args;
  return `![${inlineToMarkdown(caption)}](${reviewImageSrc(id, path, hasFile) ?? `images/${id}.png`})`;
}
