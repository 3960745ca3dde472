/**
 * A knowledge document's text (to-text.ts) is read in the media Worker: the Markdown and HTML
 * readers (mdast, micromark, hast with parse5) stay out of the main Worker's bundle (issue 16).
 */
import { mediaService, unwrap } from "../media/media-client";
import type { KnowledgeFormat } from "./to-text";

export async function documentText(format: KnowledgeFormat, source: string): Promise<string> {
  return unwrap((await mediaService()).documentText(format, source));
}
