/**
 * resvg implements SVG, not CSS custom properties: `fill="var(--_line)"` renders as black or not
 * at all. SVG from renderers built for browsers (beautiful-mermaid themes through `--bg`, `--fg`
 * and `color-mix()`) is made static here: every `var()` and sRGB `color-mix()` is evaluated to a
 * plain colour before rendering.
 */

type Rgb = [number, number, number];

const NAMED: Record<string, Rgb> = { white: [255, 255, 255], black: [0, 0, 0] };

function parseColor(value: string): Rgb | undefined {
  const text = value.trim().toLowerCase();
  if (NAMED[text]) return NAMED[text];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text)?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** Splits "a, b(c, d), e" at top-level commas. */
function splitArgs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** Index of the parenthesis closing the one at `open`, or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

function evaluate(expr: string, vars: Map<string, string>, depth = 0): string {
  const text = expr.trim();
  // Definitions may refer to each other; a cycle in hostile input must not recurse forever.
  if (depth > 20) return text;
  if (text.startsWith("var(") && closingParen(text, 3) === text.length - 1) {
    const [name = "", ...fallback] = splitArgs(text.slice(4, -1));
    const defined = vars.get(name);
    if (defined !== undefined) return evaluate(defined, vars, depth + 1);
    return fallback.length > 0 ? evaluate(fallback.join(","), vars, depth + 1) : "none";
  }
  if (text.startsWith("color-mix(") && closingParen(text, 9) === text.length - 1) {
    const [space = "", first = "", second = ""] = splitArgs(text.slice(10, -1));
    const parse = (part: string) => {
      const match = /^(.*?)(?:\s+(\d+(?:\.\d+)?)%)?$/.exec(part.trim());
      return { color: parseColor(evaluate(match?.[1] ?? "", vars, depth + 1)), pct: match?.[2] };
    };
    const a = parse(first);
    const b = parse(second);
    if (!space.includes("srgb") || !a.color || !b.color) return text;
    const p = a.pct !== undefined ? Number(a.pct) / 100 : b.pct !== undefined ? 1 - Number(b.pct) / 100 : 0.5;
    const [ca, cb] = [a.color, b.color];
    return toHex([0, 1, 2].map((i) => (ca[i] ?? 0) * p + (cb[i] ?? 0) * (1 - p)) as Rgb);
  }
  return replaceFunctions(text, vars, depth + 1);
}

function replaceFunctions(text: string, vars: Map<string, string>, depth: number): string {
  let out = "";
  let at = 0;
  const pattern = /(var|color-mix)\(/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + (match[1] ?? "").length;
    const close = closingParen(text, open);
    if (close === -1) break;
    out += text.slice(at, match.index) + evaluate(text.slice(match.index, close + 1), vars, depth);
    at = close + 1;
    pattern.lastIndex = at;
  }
  return out + text.slice(at);
}

/**
 * Evaluates custom properties defined in `<style>` blocks and `style` attributes, then removes
 * the definitions and `@import` rules (remote fonts are never fetched).
 *
 * @example
 * inlineCssVariables('<svg style="--fg:#000"><rect fill="var(--fg)"/></svg>');
 * // '<svg style=""><rect fill="#000000"/></svg>' (colours are normalised to #rrggbb only when mixed)
 */
export function inlineCssVariables(svg: string): string {
  const vars = new Map<string, string>();
  const definition = /(--[\w-]+)\s*:\s*([^;}"]+);?/g;
  const collect = (css: string) => {
    for (const match of css.matchAll(definition)) vars.set(match[1] ?? "", (match[2] ?? "").trim());
    return css.replace(definition, "");
  };
  const withStyles = svg.replace(
    /(<style\b[^>]*>)([\s\S]*?)(<\/style>)/g,
    (_whole, open: string, css: string, close: string) => {
      const cleaned = css.replace(/@import[^;]*;/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
      return open + collect(cleaned) + close;
    },
  );
  const withAttributes = withStyles.replace(
    /\bstyle="([^"]*)"/g,
    (_whole, css: string) => `style="${collect(css)}"`,
  );
  return replaceFunctions(withAttributes, vars, 0);
}
