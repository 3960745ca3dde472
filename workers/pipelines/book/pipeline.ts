/**
 * `book` — a Markdown book (an upload, or inline text) becomes articles, narration scripts
 * (text and JSON), structure analyses, section and chapter articles, chapter metadata, tweet
 * threads, video descriptions, thumbnails, PNG figures, part overviews and descriptions (books
 * with parts), book metadata and an index, in R2 under
 * the layout of output-layout.ts. The first step splits the book and spawns the rest.
 */
import { uploadKey } from "../../uploads/upload-store";
import type { Pipeline } from "../types";
import { buildBookManifest } from "./export-manifest-builder";
import { BookInputError } from "./errors";
import { bookOutputLayout } from "./output-layout";
import { bookRunTitle } from "./run-title";
import { bookIndexStep, bookMetadataStep } from "./steps/book-steps";
import { bookPipelineInputSchema, type BookPipelineInput } from "./steps/book-input";
import {
  chapterArticleStep,
  chapterMetadataStep,
  descriptionStep,
  sectionArticleStep,
  thumbnailStep,
  tweetsStep,
} from "./steps/chapter-steps";
import { figuresStep } from "./steps/figure-steps";
import { partArticleStep, partDescriptionStep } from "./steps/part-steps";
import { splitStep } from "./steps/split-step";
import { articleStep, scriptJsonStep, scriptStep, structureStep } from "./steps/unit-steps";

export const bookPipeline: Pipeline<BookPipelineInput> = {
  name: "book",
  description: "A Markdown book → articles, scripts, tweets, descriptions, thumbnails and PNG figures",
  inputSchema: bookPipelineInputSchema,
  preflight: async ({ env, tenantId }, input) => {
    if (!input.upload) return;
    const upload = await env.BUCKET.head(uploadKey(tenantId, input.upload));
    if (!upload) {
      throw new BookInputError("unknown_upload", `No upload ${input.upload} (POST /v1/uploads first)`, {
        issues: [{ path: "input.upload", message: "no such upload", code: "custom" }],
      });
    }
    // The upload recorded the book's title when it was read; resolving it here (the one step
    // that sees storage) names the run after the book, and it is the title the split uses anyway.
    input.title ??= bookRunTitle(input, upload);
  },
  build: (input) => [{ id: "split", handler: "split", input, title: "Split the book" }],
  title: (input) => bookRunTitle(input, null),
  handlers: {
    split: splitStep,
    figures: figuresStep,
    structure: structureStep,
    article: articleStep,
    script: scriptStep,
    scriptJson: scriptJsonStep,
    sectionArticle: sectionArticleStep,
    chapterArticle: chapterArticleStep,
    chapterMetadata: chapterMetadataStep,
    tweets: tweetsStep,
    description: descriptionStep,
    thumbnail: thumbnailStep,
    partArticle: partArticleStep,
    partDescription: partDescriptionStep,
    bookMetadata: bookMetadataStep,
    bookIndex: bookIndexStep,
  },
  exportLayout: {
    path: (runId, key) => bookOutputLayout(runId).exportPath(key),
    manifest: buildBookManifest,
  },
};
