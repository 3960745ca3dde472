/**
 * An upload → the book model: chapters (table of contents, else headings or files), sections
 * (headings inside each chapter), paragraph units (blocks grouped up to a token budget).
 *
 * Conservation: for every file in `book.files`, the `source` slices of its units, in order, are
 * contiguous and concatenate to the whole decoded file. Cuts only fall at block starts, so code
 * blocks, tables, lists and HTML blocks are never divided.
 */
import type { Heading, Root } from "mdast";
import { headingTitle } from "../../../media/markdown/heading-title.ts";
import { parseMarkdown } from "../../../media/markdown/parse-markdown.ts";
import { slugify } from "../../../media/markdown/slugify.ts";
import type { Book, BookWarning, Chapter, Part, Section, Unit } from "../book-model.ts";
import { BookInputError } from "../errors.ts";
import type { BookUpload } from "../input/read-book-input.ts";
import { defaultBookLimits, type BookLimits } from "../limits.ts";
import { reviewRoot } from "../review/review-blocks.ts";
import { planBook } from "../toc/plan-book.ts";
import { type Block, blocksOf, isHeading } from "./blocks.ts";
import { detectLanguage, readBookJson, titleFromBookToml, titleFromFrontMatter } from "./book-metadata.ts";
import { buildUnit } from "./build-unit.ts";
import { definitionsOf } from "./collect-refs.ts";
import { groupUnits } from "./group-units.ts";
import { rewriteChapterLinks } from "./export-links.ts";
import { cutAtHeadings, pickCutDepth } from "./heading-ranges.ts";

export interface SplitOptions {
  /** Most estimated tokens per paragraph unit (a single larger block still makes one unit). */
  unitTokenBudget?: number;
  limits?: BookLimits;
}

interface ParsedFile {
  path: string;
  text: string;
  root: Root;
  blocks: Block[];
}

/** A stretch of one file that belongs to a chapter: a whole file, or a heading range of one. */
interface ChapterPiece {
  file: ParsedFile;
  start: number;
  end: number;
  blocks: Block[];
}

const pad = (n: number) => String(n).padStart(2, "0");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function fileTitle(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1).replace(/\.(md|markdown|mdx|re)$/i, "");
  return base.replace(/^\d+[-_. ]*/, "").replace(/[-_]+/g, " ") || base;
}

function frontMatterTitle(root: Root): string | undefined {
  const front = root.children.find((node) => node.type === "yaml");
  return front ? titleFromFrontMatter(front.value) : undefined;
}

function firstHeadingTitle(blocks: Block[]): string | undefined {
  const heading = blocks.find((block) => isHeading(block));
  return heading ? headingTitle(heading.node as Heading).title : undefined;
}

/**
 * @example
 * const book = splitBook(readBookInput(bytes, { name: "rust-book.zip" }));
 * book.chapters[0]?.sections[0]?.units[0]?.id; // "ch01/s01/p01"
 */
export function splitBook(upload: BookUpload, options: SplitOptions = {}): Book {
  const budget = options.unitTokenBudget ?? 600;
  const limits = options.limits ?? defaultBookLimits;
  const warnings: BookWarning[] = [];
  const texts = new Map<string, string | undefined>();
  const readText = (path: string): string | undefined => {
    if (!texts.has(path)) {
      const bytes = upload.files.get(path);
      let text: string | undefined;
      try {
        text = bytes ? strictUtf8.decode(bytes).replace(/^\uFEFF/, "") : undefined;
      } catch {
        // Not UTF-8: treated as absent text; callers report it where it matters.
        text = undefined;
      }
      texts.set(path, text);
    }
    return texts.get(path);
  };

  const plan = planBook([...upload.files.keys()], readText, upload.kind);
  warnings.push(...plan.warnings);
  const join = (name: string) => (plan.root ? `${plan.root}/${name}` : name);
  const bookJson = readBookJson(readText(join("book.json")));

  // Files are parsed one chapter at a time and their syntax trees dropped after, so a large book
  // never holds every tree at once (trees are ~20x the size of their text).
  const fileInfos: { path: string; length: number }[] = [];
  let sample = "";
  const parseFile = (path: string): ParsedFile | undefined => {
    const text = readText(path);
    if (text === undefined) {
      warnings.push({ code: "file_not_text", message: `${path} is not UTF-8 text and was left out`, path });
      return undefined;
    }
    if (text.trim() === "") {
      warnings.push({ code: "file_empty", message: `${path} is empty and was left out`, path });
      return undefined;
    }
    fileInfos.push({ path, length: text.length });
    if (sample.length < 100_000) sample += text.slice(0, 20_000) + "\n";
    const root = /\.re$/i.test(path)
      ? reviewRoot(text, path, (p) => upload.files.has(p))
      : parseMarkdown(text);
    return { path, text, root, blocks: blocksOf(root) };
  };
  const wholeFile = (file: ParsedFile): ChapterPiece => ({
    file,
    start: 0,
    end: file.text.length,
    blocks: file.blocks,
  });

  // Chapters as (lazily parsed) pieces, with a title each when known up front.
  const plannedChapters: {
    title?: string;
    anchor?: string;
    part?: number;
    parent?: number;
    depth: number;
    pieces: () => ChapterPiece[];
  }[] = [];
  let singleFileTitle: string | undefined;
  if (plan.format === "single-file") {
    const file = plan.files[0] === undefined ? undefined : parseFile(plan.files[0]);
    if (file) {
      const front = file.root.children.find((node) => node.type === "yaml");
      const depth = pickCutDepth(file.blocks);
      const lone = file.blocks.find((block) => isHeading(block));
      if (lone && isHeading(lone) && depth !== undefined && lone.node.depth < depth) {
        singleFileTitle = headingTitle(lone.node).title;
      }
      singleFileTitle = (front ? titleFromFrontMatter(front.value) : undefined) ?? singleFileTitle;
      for (const range of cutAtHeadings(file.blocks, 0, file.text.length, depth)) {
        const piece = { file, start: range.start, end: range.end, blocks: range.blocks };
        const title =
          range.title ?? singleFileTitle ?? firstHeadingTitle(file.blocks) ?? fileTitle(file.path);
        plannedChapters.push({
          title,
          ...(range.anchor ? { anchor: range.anchor } : {}),
          depth: 1,
          pieces: () => [piece],
        });
      }
    }
  } else {
    for (const chapter of plan.chapters) {
      plannedChapters.push({
        ...chapter,
        pieces: () => chapter.files.flatMap((path) => parseFile(path) ?? []).map(wholeFile),
      });
    }
  }

  const headingUnit = new Map<string, string>();
  const fileUnit = new Map<string, string>();
  const chapters: Chapter[] = [];
  // Plan index → chapter id (a planned chapter whose files are all unreadable has none).
  const chapterIdOf = new Map<number, string>();
  const parts: Part[] = [];
  const partIdOf = new Map<number, string>();
  for (const [plannedIndex, planned] of plannedChapters.entries()) {
    const pieces = planned.pieces();
    const first = pieces[0];
    if (!first) continue;
    // The table of contents' title, then the file's own: front matter wins over headings and names.
    const chapterTitle =
      planned.title ||
      frontMatterTitle(first.file.root) ||
      firstHeadingTitle(first.blocks) ||
      fileTitle(first.file.path);
    const chapterIndex = chapters.length;
    const chapterId = `ch${pad(chapterIndex + 1)}`;
    const sections: Section[] = [];
    for (const piece of pieces) {
      const ranges = cutAtHeadings(piece.blocks, piece.start, piece.end, pickCutDepth(piece.blocks));
      const definitions = definitionsOf(piece.file.root);
      for (const range of ranges) {
        const sectionId = `${chapterId}/s${pad(sections.length + 1)}`;
        const title = range.title ?? (sections.length === 0 ? chapterTitle : fileTitle(piece.file.path));
        const context = {
          path: piece.file.path,
          text: piece.file.text,
          definitions,
          readText,
          hasFile: (path: string) => upload.files.has(path),
          variables: bookJson.variables,
          ...(plan.siteRoot !== undefined ? { siteRoot: plan.siteRoot } : {}),
          limits,
          warnings,
        };
        const units: Unit[] = groupUnits(piece.file.text, range.blocks, range.start, range.end, budget).map(
          (unitRange, unitIndex) => {
            const id = `${sectionId}/p${pad(unitIndex + 1)}`;
            const { unit, anchors } = buildUnit(id, unitIndex + 1, unitRange, context);
            if (!fileUnit.has(piece.file.path)) fileUnit.set(piece.file.path, id);
            for (const anchor of anchors) headingUnit.set(`${piece.file.path}#${anchor}`, id);
            return unit;
          },
        );
        const section: Section = {
          id: sectionId,
          number: sections.length + 1,
          slug: slugify(title, "section"),
          title,
          units,
        };
        if (range.anchor) section.anchor = range.anchor;
        sections.push(section);
      }
    }
    const chapter: Chapter = {
      id: chapterId,
      number: chapterIndex + 1,
      slug: slugify(chapterTitle, "chapter"),
      title: chapterTitle,
      depth: planned.depth,
      files: [...new Set(pieces.map((piece) => piece.file.path))],
      sections,
    };
    chapterIdOf.set(plannedIndex, chapterId);
    const parent = planned.parent === undefined ? undefined : chapterIdOf.get(planned.parent);
    if (parent) chapter.parentId = parent;
    const plannedPart = planned.part === undefined ? undefined : plan.parts[planned.part];
    if (planned.part !== undefined && plannedPart) {
      let partId = partIdOf.get(planned.part);
      if (!partId) {
        partId = `pt${pad(parts.length + 1)}`;
        partIdOf.set(planned.part, partId);
        parts.push({
          id: partId,
          number: parts.length + 1,
          slug: slugify(plannedPart.title, "part"),
          title: plannedPart.title,
          chapterIds: [],
        });
      }
      chapter.partId = partId;
      parts.find((part) => part.id === partId)?.chapterIds.push(chapterId);
    }
    chapters.push(chapter);
  }

  for (const unit of chapters.flatMap((c) => c.sections.flatMap((s) => s.units))) {
    for (const link of unit.links) {
      const target = link.fragment ? headingUnit.get(`${link.path}#${link.fragment}`) : undefined;
      const id = target ?? fileUnit.get(link.path);
      if (id) link.targetId = id;
    }
  }
  rewriteChapterLinks(chapters);

  if (chapters.length === 0) {
    throw new BookInputError("no_markdown", "No readable Markdown file is part of the book", {
      warnings: warnings.slice(0, 20),
    });
  }
  const title =
    titleFromBookToml(readText(join("book.toml"))) ??
    bookJson.title ??
    singleFileTitle ??
    (plan.format === "single-file" ? chapters[0]?.title : undefined) ??
    fileTitle(upload.name);
  return {
    title,
    format: plan.format,
    language: detectLanguage(sample),
    root: plan.root,
    parts,
    chapters,
    files: fileInfos,
    warnings,
  };
}
