/**
 * What generators read of a Markdown unit: heading ids (`## Title {#id}`) and GitBook / Honkit
 * template tags (`{% hint %}`, `{% endhint %}`, `{{ book.x }}` left unresolved) are markup for the
 * site generator, not prose, so they are removed. Code is left exactly as written (a Jinja or Vue
 * tutorial shows `{{ x }}` on purpose), and so are mdBook's `{{#include}}` directives that could
 * not be resolved (they were reported). The unit's `source` and the anchors links resolve
 * through are untouched: only `unit.text` changes.
 */

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING_ID = /(^\s{0,3}#{1,6}\s.*?)\s*\{#[A-Za-z0-9_:.-]+\}\s*$/;
// Inline code first, so tags inside it are matched as part of the code and kept.
const TAGS = /(`+)[\s\S]*?\1|\{%[\s\S]*?%\}|\{\{(?!\s*#)[\s\S]*?\}\}/g;

/**
 * @example
 * textForModels("## Setup {#setup}\n\n{% hint style='info' %}\nUse `{{ x }}`.\n{% endhint %}\n");
 * // "## Setup\n\n\nUse `{{ x }}`.\n\n"
 */
export function textForModels(markdown: string): string {
  let fence: string | undefined;
  const out: string[] = [];
  let prose: string[] = [];
  const flush = () => {
    if (prose.length === 0) return;
    const joined = prose.join("\n").replace(TAGS, (match: string, ticks?: string) => (ticks ? match : ""));
    out.push(...joined.split("\n").map((line) => line.replace(HEADING_ID, "$1")));
    prose = [];
  };
  for (const line of markdown.split("\n")) {
    const marker = FENCE.exec(line)?.[1];
    if (fence === undefined && marker) {
      flush();
      fence = marker;
      out.push(line);
    } else if (fence !== undefined) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = undefined;
    } else prose.push(line);
  }
  flush();
  return out.join("\n");
}
