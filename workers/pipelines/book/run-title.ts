/**
 * The title a book run is listed under when the request gives none: the book's own title.
 * An upload records it when it is read (POST /v1/uploads splits the book before storing it), so
 * the run can be named from the upload's metadata without reading the book again; inline
 * Markdown is named by its first `# heading`, else its file name. An upload stored before uploads
 * recorded titles keeps the old name, `book up_…`.
 */
import type { BookPipelineInput } from "./steps/book-input";

/** R2 custom metadata are small (2 KiB in all); the API caps titles at 200 characters too. */
export const MAX_TITLE_CHARS = 200;

export function storedBookTitle(title: string): string {
  return Array.from(title.trim()).slice(0, MAX_TITLE_CHARS).join("");
}

export function bookRunTitle(
  input: BookPipelineInput,
  upload: { customMetadata?: Record<string, string> } | null,
): string {
  if (input.title) return input.title;
  const uploaded = upload?.customMetadata?.title;
  if (uploaded) return uploaded;
  const heading = input.markdown?.match(/^#[ \t]+(.+?)[ \t#]*$/m)?.[1];
  if (heading) return storedBookTitle(heading);
  return input.name ?? (input.upload ? `book ${input.upload}` : "book");
}
