/** A parsed HTML document (parse5, the WHATWG parsing algorithm) and small helpers to walk it. */
import type { DefaultTreeAdapterTypes as T, ParserError } from "parse5";

export type Element = T.Element;

export type ParsedHtml = { document: T.Document; errors: ParserError[] };

export async function parseHtml(html: string): Promise<ParsedHtml> {
  // parse5 loads with the page pipeline's checks only.
  const { parse } = await import("parse5");
  const errors: ParserError[] = [];
  const document = parse(html, { sourceCodeLocationInfo: true, onParseError: (e) => errors.push(e) });
  return { document, errors };
}

const isElement = (node: T.ChildNode | T.Document | T.ParentNode): node is Element => "tagName" in node;

export function elements(root: T.ParentNode): Element[] {
  const out: Element[] = [];
  const visit = (node: T.ParentNode) => {
    for (const child of node.childNodes) {
      if (isElement(child)) {
        out.push(child);
        visit("content" in child ? (child as T.Template).content : child);
      }
    }
  };
  visit(root);
  return out;
}

export const attr = (el: Element, name: string): string | undefined =>
  el.attrs.find((a) => a.name === name)?.value;

export function textOf(node: T.ParentNode): string {
  let text = "";
  for (const child of node.childNodes) {
    if (child.nodeName === "#text") text += (child as T.TextNode).value;
    else if (isElement(child)) text += child.tagName === "img" ? (attr(child, "alt") ?? "") : textOf(child);
  }
  return text.replace(/\s+/g, " ").trim();
}

export const lineOf = (el: Element): number => el.sourceCodeLocation?.startLine ?? 0;

/** The nearest ancestor for which `test` holds, if any. */
export function ancestor(el: Element, test: (a: Element) => boolean): Element | undefined {
  let parent = el.parentNode;
  while (parent && isElement(parent)) {
    if (test(parent)) return parent;
    parent = parent.parentNode;
  }
  return undefined;
}
