/**
 * Images, diagrams and links inside a unit's blocks. Markdown images, reference images,
 * HTML `<img>` (common in mdBook sources) and ```mermaid / ```svg fences are found; remote
 * images are recorded but never fetched.
 */
import type { Definition, Node, Parent, Root } from "mdast";
import type { BookLink, BookWarning, ImageRef } from "../book-model.ts";
import { dirname, isExternalHref, resolveBookPath } from "../book-path.ts";
import type { Block } from "./blocks.ts";

const IMG_TAG = /<img\b[^>]*>/gi;
const SRC_ATTR = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/i;
const ALT_ATTR = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

export interface RefContext {
  path: string;
  hasFile: (path: string) => boolean;
  definitions: Map<string, Definition>;
  /** Where site-absolute links (`/guide/intro`) start, for VitePress / Docusaurus books. */
  siteRoot?: string;
}

const BOOK_TEXT = /\.(md|markdown|mdx|re)$/i;

/** The book file a link lands in: as written, mdBook's `.html` page, or a site's clean URL. */
function linkedFile(href: string, ctx: RefContext): { path: string; fragment?: string } | undefined {
  const site = ctx.siteRoot !== undefined && href.startsWith("/");
  const resolved = site
    ? resolveBookPath(ctx.siteRoot ?? "", `.${href}`)
    : resolveBookPath(dirname(ctx.path), href);
  if (!resolved) return undefined;
  const base = resolved.path.replace(/\.html?$/i, "").replace(/\/$/, "");
  const candidates = BOOK_TEXT.test(resolved.path)
    ? [resolved.path]
    : [`${base}.md`, `${base}.mdx`, `${base}/index.md`, `${base}/README.md`];
  const path = candidates.find((candidate) => BOOK_TEXT.test(candidate) && ctx.hasFile(candidate));
  return path ? { ...resolved, path } : undefined;
}

export function definitionsOf(root: Root): Map<string, Definition> {
  const map = new Map<string, Definition>();
  for (const node of root.children) if (node.type === "definition") map.set(node.identifier, node);
  return map;
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of (node as Parent).children ?? []) walk(child, visit);
}

function imageRef(src: string, alt: string, ctx: RefContext, warnings: BookWarning[]): ImageRef | undefined {
  if (isExternalHref(src)) {
    return /^data:/i.test(src) ? undefined : { kind: "remote", src, alt };
  }
  const resolved = resolveBookPath(dirname(ctx.path), src);
  if (!resolved || !ctx.hasFile(resolved.path)) {
    warnings.push({ code: "image_missing", message: `image ${src} is not in the upload`, path: ctx.path });
    return undefined;
  }
  return { kind: "file", src, path: resolved.path, alt };
}

/** Collects the images and book-internal links of `blocks` (link targets are resolved later). */
export function collectRefs(
  blocks: Block[],
  ctx: RefContext,
): { images: ImageRef[]; links: BookLink[]; warnings: BookWarning[] } {
  const images: ImageRef[] = [];
  const links: BookLink[] = [];
  const warnings: BookWarning[] = [];
  const addLink = (href: string) => {
    if (isExternalHref(href) || href.startsWith("#")) return;
    // mdBook sources link to the rendered page (ch04-01.html); the source is the .md beside it.
    const target = linkedFile(href, ctx);
    if (target) links.push({ href, ...target });
  };
  for (const block of blocks) {
    walk(block.node, (node) => {
      const n = node as Node & Record<string, unknown>;
      if (n.type === "image") {
        const ref = imageRef(String(n.url), String(n.alt ?? ""), ctx, warnings);
        if (ref) images.push(ref);
      } else if (n.type === "imageReference") {
        const def = ctx.definitions.get(String(n.identifier));
        const ref = def ? imageRef(def.url, String(n.alt ?? ""), ctx, warnings) : undefined;
        if (ref) images.push(ref);
      } else if (n.type === "html") {
        for (const [tag] of String(n.value).matchAll(IMG_TAG)) {
          const src = SRC_ATTR.exec(tag);
          const alt = ALT_ATTR.exec(tag);
          const ref = src
            ? imageRef(src[1] ?? src[2] ?? "", alt?.[1] ?? alt?.[2] ?? "", ctx, warnings)
            : undefined;
          if (ref) images.push(ref);
        }
      } else if (n.type === "code" && (n.lang === "mermaid" || n.lang === "svg")) {
        images.push({ kind: n.lang, code: String(n.value), offset: block.start });
      } else if (n.type === "link") {
        addLink(String(n.url));
      } else if (n.type === "linkReference") {
        const def = ctx.definitions.get(String(n.identifier));
        if (def) addLink(def.url);
      }
    });
  }
  return { images, links, warnings };
}
