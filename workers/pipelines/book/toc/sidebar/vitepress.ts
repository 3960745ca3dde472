/**
 * VitePress: the sidebar of `.vitepress/config.{js,mjs,ts,mts}` (`themeConfig.sidebar`, one list
 * or one list per path prefix) read as data → table-of-contents groups. Links are site paths
 * under the source folder (`srcDir`, default: the folder holding `.vitepress`): `/guide/intro`
 * is `guide/intro.md`, `/guide/` is `guide/index.md`.
 */
import { dirname } from "../../book-path.ts";
import type { TocEntry, TocGroup } from "../parse-toc.ts";
import { hasUnknown, type Literal, readExportedLiteral } from "./read-js-literal.ts";

export const VITEPRESS_CONFIG = /(^|\/)\.vitepress\/config\.(js|mjs|cjs|ts|mts|cts)$/i;

export interface SidebarToc {
  configPath: string;
  /** Folder the site's paths start from. */
  siteRoot: string;
  /** Undefined when the sidebar could not be read statically. */
  groups?: TocGroup[];
  reason?: string;
}

type Obj = { [key: string]: Literal };
const isObj = (value: Literal): value is Obj => !!value && typeof value === "object" && !Array.isArray(value);
const str = (value: Literal) => (typeof value === "string" ? value : undefined);

/** A site link → the Markdown file it is built from. */
export function sitePathToFile(
  siteRoot: string,
  link: string,
  exists: (path: string) => boolean,
): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("//")) return undefined;
  const clean = (link.split(/[?#]/)[0] ?? "").replace(/^\.?\//, "").replace(/\.html?$/i, "");
  const base = siteRoot ? `${siteRoot}/${clean}` : clean;
  const candidates =
    clean === "" || clean.endsWith("/")
      ? [`${base}index.md`, `${base}README.md`]
      : [base, `${base}.md`, `${base}.mdx`, `${base}/index.md`];
  return candidates.find((path) => /\.(md|mdx|markdown)$/i.test(path) && exists(path));
}

function entries(
  items: Literal,
  base: string,
  siteRoot: string,
  exists: (path: string) => boolean,
): TocEntry[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item): TocEntry[] => {
    if (!isObj(item)) return [];
    const itemBase = str(item.base) ?? base;
    const link = str(item.link);
    const children = entries(item.items, itemBase, siteRoot, exists);
    // `base` prefixes the links of an item's subtree (`base: "/guide/"`, `link: "intro"`).
    const full = link && itemBase ? `${itemBase.replace(/\/$/, "")}/${link.replace(/^\//, "")}` : link;
    const path = full === undefined ? undefined : sitePathToFile(siteRoot, full, exists);
    if (path === undefined && children.length === 0) return [];
    return [{ title: str(item.text) ?? "", ...(path ? { path } : {}), children }];
  });
}

/**
 * @example
 * readVitepressSidebar("docs/.vitepress/config.mts", text, (p) => files.has(p));
 * // { configPath, siteRoot: "docs", groups: [{ entries: [{ title: "Guide", children: [...] }] }] }
 */
export function readVitepressSidebar(
  configPath: string,
  text: string,
  exists: (path: string) => boolean,
): SidebarToc {
  const projectRoot = dirname(dirname(configPath));
  let config: Literal;
  try {
    config = readExportedLiteral(text, configPath);
  } catch (err) {
    return { configPath, siteRoot: projectRoot, reason: (err as Error).message };
  }
  const srcDir = isObj(config)
    ? str(config.srcDir)
        ?.replace(/^\.\/?/, "")
        .replace(/\/$/, "")
    : undefined;
  const siteRoot = [projectRoot, srcDir].filter(Boolean).join("/");
  const theme = isObj(config) ? config.themeConfig : undefined;
  const sidebar = isObj(theme) ? theme.sidebar : undefined;
  if (sidebar === undefined || hasUnknown(sidebar)) {
    return { configPath, siteRoot, reason: "themeConfig.sidebar is not a literal the reader can follow" };
  }
  // One sidebar per path prefix: a book reads them one after another, in the config's order.
  const lists: { items: Literal; base: string }[] = Array.isArray(sidebar)
    ? [{ items: sidebar, base: "" }]
    : Object.values(sidebar as Obj).map((value) =>
        isObj(value) ? { items: value.items, base: str(value.base) ?? "" } : { items: value, base: "" },
      );
  const all = lists.flatMap((list) => entries(list.items, list.base, siteRoot, exists));
  return { configPath, siteRoot, groups: [{ entries: all }] };
}
