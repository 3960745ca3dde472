/**
 * A generated article as safe HTML: Markdown rendered by marked, then sanitised by DOMPurify
 * (model output is untrusted: no scripts, handlers, iframes, forms or styles survive). Images are
 * dropped here because artifacts need the API key (the gallery fetches them with it).
 */
import DOMPurify from "dompurify";
import { marked } from "marked";

export function markdownToSafeHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["img", "style", "form", "input", "button", "iframe"],
    FORBID_ATTR: ["style"],
  });
}
