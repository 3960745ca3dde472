/**
 * Static checks of a generated site, before anyone sees it: every HTML file parsed with a real
 * HTML parser (parse5; its parse errors are problems), an accessibility lint of the markup
 * (language, title, landmarks, one h1 and no skipped heading level, alt text, labelled controls,
 * named links and buttons, unique ids, no inline handlers), links between files that resolve
 * (pages, stylesheets, scripts, images, #fragments; no external resources), scripts that parse
 * (acorn) and colour pairs in the stylesheet with a contrast of at least 4.5:1.
 */
import type { SiteFile } from "./schemas";
import { contrastRatio } from "./contrast";
import { ancestor, attr, elements, lineOf, parseHtml, textOf, type Element } from "./html-tree";

export type Problem = { file: string; line: number; rule: string; message: string };

const LANDMARKS = ["header", "nav", "main", "footer"] as const;
const CONTROLS = new Set(["input", "select", "textarea"]);
const UNLABELLED_INPUTS = new Set(["hidden", "submit", "button", "reset", "image"]);

/** A local reference ("about.html#team") split into file and fragment; null for external or special ones. */
function localRef(ref: string): { file: string; fragment: string } | null | "external" {
  if (/^(mailto:|tel:|data:)/i.test(ref)) return null;
  if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(ref)) return "external";
  const [file = "", fragment = ""] = ref.split("#", 2);
  return { file, fragment };
}

function lintMarkup(
  file: string,
  all: Element[],
  problem: (el: Element | null, rule: string, msg: string) => void,
) {
  const html = all.find((e) => e.tagName === "html");
  if (!html || !attr(html, "lang")?.trim())
    problem(html ?? null, "html-lang", "<html> needs a lang attribute");
  const title = all.find((e) => e.tagName === "title");
  if (!title || !textOf(title))
    problem(title ?? null, "document-title", "the page needs a non-empty <title>");
  for (const tag of LANDMARKS) {
    const found = all.filter(
      (e) =>
        e.tagName === tag &&
        (tag === "main" ||
          tag === "nav" ||
          !ancestor(e, (a) => ["article", "section", "aside", "main"].includes(a.tagName))),
    );
    if (found.length === 0) problem(null, "landmarks", `the page needs a <${tag}> landmark`);
    if (tag === "main" && found.length > 1) problem(found[1]!, "landmarks", "only one <main> per page");
  }
  for (const nav of all.filter((e) => e.tagName === "nav"))
    if (!attr(nav, "aria-label") && !attr(nav, "aria-labelledby"))
      problem(nav, "nav-name", "<nav> needs an aria-label saying which navigation it is");
  const headings = all.filter((e) => /^h[1-6]$/.test(e.tagName));
  if (headings.filter((h) => h.tagName === "h1").length !== 1)
    problem(null, "headings", "exactly one <h1> per page");
  let level = 0;
  for (const h of headings) {
    const next = Number(h.tagName[1]);
    if (next > level + 1) problem(h, "headings", `<${h.tagName}> skips a level (after h${level || "—"})`);
    if (!textOf(h)) problem(h, "headings", `<${h.tagName}> is empty`);
    level = next;
  }
  const ids = new Map<string, number>();
  for (const el of all) {
    const id = attr(el, "id");
    if (id) ids.set(id, (ids.get(id) ?? 0) + 1);
    for (const a of el.attrs)
      if (/^on/i.test(a.name)) problem(el, "no-inline-handlers", `inline handler ${a.name}= (use app.js)`);
    if (el.tagName === "img" && attr(el, "alt") === undefined)
      problem(el, "img-alt", '<img> needs alt text (alt="" if it is decoration)');
    if ((el.tagName === "a" || el.tagName === "button") && !textOf(el) && !attr(el, "aria-label"))
      problem(el, "accessible-name", `<${el.tagName}> has no text or aria-label`);
    if (CONTROLS.has(el.tagName) && !UNLABELLED_INPUTS.has((attr(el, "type") ?? "text").toLowerCase())) {
      const id = attr(el, "id");
      const labelled =
        attr(el, "aria-label") ||
        attr(el, "aria-labelledby") ||
        ancestor(el, (a) => a.tagName === "label") ||
        (id && all.some((l) => l.tagName === "label" && attr(l, "for") === id));
      if (!labelled) problem(el, "label", `<${el.tagName}${id ? ` id="${id}"` : ""}> has no label`);
    }
  }
  for (const [id, n] of ids) if (n > 1) problem(null, "duplicate-id", `id "${id}" is used ${n} times`);
  void file;
}

function checkCss(file: SiteFile, problems: Problem[]) {
  // Rule blocks with both a text colour and a background colour in hex: their contrast.
  for (const block of file.content.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const body = block[2]!;
    const color = /(?:^|;|\s)color\s*:\s*(#[0-9a-f]{3,6})\b/i.exec(body)?.[1];
    const background = /background(?:-color)?\s*:\s*(#[0-9a-f]{3,6})\b/i.exec(body)?.[1];
    if (!color || !background) continue;
    const ratio = contrastRatio(color, background);
    if (ratio !== null && ratio < 4.5) {
      const line = file.content.slice(0, block.index).split("\n").length;
      problems.push({
        file: file.path,
        line,
        rule: "contrast",
        message: `${block[1]!.trim()}: ${color} on ${background} has contrast ${ratio.toFixed(2)}:1 (needs 4.5:1)`,
      });
    }
  }
  for (const url of file.content.matchAll(/url\(\s*['"]?([^'")]+)/g))
    if (localRef(url[1]!) === "external")
      problems.push({
        file: file.path,
        line: 0,
        rule: "external-resource",
        message: `external resource ${url[1]}`,
      });
}

async function checkScript(file: SiteFile, problems: Problem[]) {
  const { parse } = await import("acorn");
  try {
    parse(file.content, { ecmaVersion: "latest", sourceType: "script" });
  } catch (err) {
    const line = (err as { loc?: { line: number } }).loc?.line ?? 0;
    problems.push({
      file: file.path,
      line,
      rule: "script-syntax",
      message: err instanceof Error ? err.message : String(err),
    });
  }
}

export async function checkSite(files: SiteFile[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  if (!byPath.has("index.html"))
    problems.push({ file: "index.html", line: 0, rule: "entry", message: "the site needs an index.html" });
  const idsOf = new Map<string, Set<string>>();
  const refs: { from: string; line: number; ref: string }[] = [];

  for (const file of files) {
    if (file.path.endsWith(".css")) checkCss(file, problems);
    if (file.path.endsWith(".js")) await checkScript(file, problems);
    if (!file.path.endsWith(".html")) continue;
    const { document, errors } = await parseHtml(file.content);
    for (const e of errors)
      problems.push({ file: file.path, line: e.startLine, rule: "html-parse", message: e.code });
    const all = elements(document);
    lintMarkup(file.path, all, (el, rule, message) =>
      problems.push({ file: file.path, line: el ? lineOf(el) : 0, rule, message }),
    );
    idsOf.set(file.path, new Set(all.flatMap((e) => attr(e, "id") ?? [])));
    for (const el of all) {
      const ref = attr(el, el.tagName === "a" || el.tagName === "link" ? "href" : "src");
      if (ref !== undefined && ["a", "link", "script", "img", "source", "iframe"].includes(el.tagName))
        refs.push({ from: file.path, line: lineOf(el), ref });
    }
  }
  for (const { from, line, ref } of refs) {
    const local = localRef(ref);
    if (local === null) continue;
    if (local === "external") {
      problems.push({
        file: from,
        line,
        rule: "external-resource",
        message: `links outside the site: ${ref} (the preview has no network)`,
      });
      continue;
    }
    const target = local.file || from;
    if (!byPath.has(target)) {
      problems.push({
        file: from,
        line,
        rule: "broken-link",
        message: `${ref}: no file "${target}" in the site`,
      });
      continue;
    }
    if (local.fragment && target.endsWith(".html") && !idsOf.get(target)?.has(local.fragment))
      problems.push({
        file: from,
        line,
        rule: "broken-link",
        message: `${ref}: no id "${local.fragment}" in ${target}`,
      });
  }
  return problems;
}
