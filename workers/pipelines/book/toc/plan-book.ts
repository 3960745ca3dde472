/**
 * Which files make the book, in which order, grouped into parts and chapters — before any
 * splitting. Each layout is detected from its own files, in this order:
 *
 * 1. Re:VIEW — `catalog.yml` listing `.re` files;
 * 2. mdBook — `src/SUMMARY.md`; GitBook / Honkit — `SUMMARY.md`;
 * 3. VitePress — `.vitepress/config.*`; Docusaurus — `sidebars.{js,ts,json}` (read as data; when
 *    not statically readable: the source folder's order, with a warning);
 * 4. GitBook without SUMMARY.md — a README that is a list of links;
 * 5. numbered files / folders, else every Markdown file by path.
 *
 * A single uploaded file (or a zip with only one Markdown file) is split by its headings.
 */
import type { BookFormat, BookWarning } from "../book-model.ts";
import { dirname } from "../book-path.ts";
import { BOOK_TEXT, looksLikeToc, parseTocGroups, type TocGroup } from "./parse-toc.ts";
import { baseName, planFolder } from "./plan-folder.ts";
import { planFromToc } from "./plan-from-toc.ts";
import type { BookPlan } from "./plan-types.ts";
import { readReviewCatalog, REVIEW_CATALOG } from "./review-catalog.ts";
import { DOCUSAURUS_SIDEBARS, readDocusaurusSidebar } from "./sidebar/docusaurus.ts";
import { readVitepressSidebar, type SidebarToc, VITEPRESS_CONFIG } from "./sidebar/vitepress.ts";

export type { BookPlan, PlannedChapter, PlannedPart } from "./plan-types.ts";

const REVIEW_TEXT = /\.re$/i;
const byDepth = (a: string, b: string) => a.split("/").length - b.split("/").length;

function commonRoot(paths: string[]): string {
  const firsts = new Set(paths.map((path) => (path.includes("/") ? path.split("/")[0] : "")));
  const [only] = firsts;
  return firsts.size === 1 && only ? `${only}/` : "";
}

/** Files under `folder` that no table of contents listed: reported, capped (repos hold hundreds). */
function unlistedWarnings(candidates: string[], listed: Set<string>, folder: string, tocPath: string) {
  const prefix = folder ? `${folder}/` : "";
  const warnings: BookWarning[] = [];
  for (const path of candidates.filter((p) => !listed.has(p) && p.startsWith(prefix)).slice(0, 50)) {
    warnings.push({
      code: "unlisted_markdown",
      message: `${path} is not in ${tocPath} and was left out`,
      path,
    });
  }
  return warnings;
}

function tocPlan(
  format: BookFormat,
  groups: TocGroup[],
  context: { tocPath: string; root: string; exists: (path: string) => boolean; candidates: string[] },
  extra: Partial<BookPlan> = {},
): BookPlan {
  const warnings: BookWarning[] = [];
  const { parts, chapters } = planFromToc(groups, {
    // mdBook and Re:VIEW say what a part is; the others make a top-level entry with children one.
    topLevelParts: format !== "mdbook" && format !== "review",
    exists: context.exists,
    warnings,
  });
  const files = chapters.flatMap((chapter) => chapter.files);
  warnings.push(
    ...unlistedWarnings(
      context.candidates,
      new Set([...files, context.tocPath]),
      context.root,
      context.tocPath,
    ),
  );
  return { format, root: context.root, tocPath: context.tocPath, parts, chapters, files, warnings, ...extra };
}

function sidebarPlan(
  format: "vitepress" | "docusaurus",
  toc: SidebarToc,
  markdown: string[],
  exists: (path: string) => boolean,
  readText: (path: string) => string | undefined,
): BookPlan {
  const siteFiles = markdown.filter((path) => !toc.siteRoot || path.startsWith(`${toc.siteRoot}/`));
  if (toc.groups) {
    return tocPlan(
      format,
      toc.groups,
      { tocPath: toc.configPath, root: toc.siteRoot, exists, candidates: siteFiles },
      { siteRoot: toc.siteRoot },
    );
  }
  const folder = planFolder(siteFiles, toc.siteRoot ? `${toc.siteRoot}/` : "", readText);
  return {
    format,
    root: toc.siteRoot,
    siteRoot: toc.siteRoot,
    parts: folder.parts,
    chapters: folder.chapters,
    files: folder.chapters.flatMap((chapter) => chapter.files),
    warnings: [
      {
        code: "sidebar_not_static",
        message: `${toc.configPath} could not be read as data (it is never run), so the book follows the folder order`,
        path: toc.configPath,
        ...(toc.reason ? { detail: toc.reason.slice(0, 300) } : {}),
      },
    ],
  };
}

/**
 * @param paths every file path of the upload (Markdown and assets)
 * @param readText reads a file as text (undefined when it is not text)
 * @param kind "file" for a single uploaded file, which is always split by its headings
 */
export function planBook(
  paths: string[],
  readText: (path: string) => string | undefined,
  kind: "file" | "zip" = "zip",
): BookPlan {
  const markdown = paths.filter((path) => BOOK_TEXT.test(path));
  const known = new Set(paths);
  const exists = (path: string) => known.has(path);
  const summaries = markdown.filter((path) => /^summary\.md$/i.test(baseName(path))).sort(byDepth);
  const reviewFiles = paths.filter((path) => REVIEW_TEXT.test(path));
  const catalog =
    reviewFiles.length > 0 ? paths.filter((p) => REVIEW_CATALOG.test(p)).sort(byDepth)[0] : undefined;
  // A lone SUMMARY.md in a zip is still a table of contents (whose files are all missing).
  if (kind === "file" || (markdown.length === 1 && summaries.length === 0 && !catalog)) {
    const only = markdown[0] ?? paths[0] ?? "";
    return {
      format: "single-file",
      root: dirname(only),
      parts: [],
      chapters: [],
      files: [only],
      warnings: [],
    };
  }
  if (catalog) {
    const review = readReviewCatalog(catalog, readText);
    if (review) {
      return tocPlan("review", review.groups, {
        tocPath: catalog,
        root: dirname(catalog),
        exists,
        candidates: reviewFiles,
      });
    }
  }
  const root = commonRoot(paths);
  const tocPath = summaries[0];
  if (tocPath) {
    const mdbook = /(^|\/)src\/summary\.md$/i.test(tocPath);
    const groups = parseTocGroups(readText(tocPath) ?? "", tocPath);
    return tocPlan(mdbook ? "mdbook" : "gitbook", groups, {
      tocPath,
      root: mdbook ? dirname(dirname(tocPath)) : dirname(tocPath),
      exists,
      candidates: markdown,
    });
  }
  const vitepress = paths.filter((path) => VITEPRESS_CONFIG.test(path)).sort(byDepth)[0];
  if (vitepress) {
    const toc = readVitepressSidebar(vitepress, readText(vitepress) ?? "", exists);
    return sidebarPlan("vitepress", toc, markdown, exists, readText);
  }
  const sidebars = paths.filter((path) => DOCUSAURUS_SIDEBARS.test(path)).sort(byDepth)[0];
  if (sidebars) {
    const toc = readDocusaurusSidebar(sidebars, readText(sidebars) ?? "", paths, readText);
    return sidebarPlan("docusaurus", toc, markdown, exists, readText);
  }
  const readme = markdown.find((path) => path.slice(root.length).match(/^readme\.md$/i));
  if (readme && looksLikeToc(readText(readme) ?? "", readme)) {
    const groups = parseTocGroups(readText(readme) ?? "", readme);
    return tocPlan("gitbook", groups, {
      tocPath: readme,
      root: dirname(readme),
      exists,
      candidates: markdown,
    });
  }
  const planned = planFolder(markdown, root, readText);
  return {
    ...planned,
    root: root.replace(/\/$/, ""),
    files: planned.chapters.flatMap((chapter) => chapter.files),
    warnings: [],
  };
}
