/**
 * Mermaid → SVG without a DOM. Mermaid itself needs a browser DOM for layout and text
 * measurement; beautiful-mermaid parses the same syntax (flowchart, state, sequence, class, ER,
 * xychart) and lays it out with ELK in pure JavaScript, so it runs in workerd. Its SVG themes
 * through CSS variables, which resvg does not implement, so they are inlined here.
 */
import { renderMermaidSVG } from "beautiful-mermaid";
import { EMBEDDED_FONT_FAMILY } from "../fonts/font-family.ts";
import { MediaError } from "../media-error.ts";
import { inlineCssVariables } from "../render/css-variables.ts";

export const MAX_MERMAID_CHARS = 50_000;

/**
 * @example
 * const svg = mermaidLayout("graph TD\n  A[開始] --> B[終了]");
 */
export function mermaidLayout(code: string): string {
  if (code.length > MAX_MERMAID_CHARS) {
    throw new MediaError("mermaid_invalid", `Mermaid source is over ${MAX_MERMAID_CHARS} characters`);
  }
  let svg: string;
  try {
    svg = renderMermaidSVG(code.trim(), { bg: "#ffffff", fg: "#27272a", font: EMBEDDED_FONT_FAMILY });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MediaError("mermaid_invalid", `Mermaid diagram could not be rendered: ${reason}`, { cause });
  }
  return inlineCssVariables(svg);
}
