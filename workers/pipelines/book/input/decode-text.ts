/**
 * Bytes → text for Markdown and other text files, refusing what is clearly not text.
 */
import { BookInputError } from "../errors.ts";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 text (a leading BOM is dropped, line endings are kept exactly so that source
 * offsets stay true). Throws `empty_input` for no or only-whitespace text and `binary_input`
 * for anything that is not UTF-8 text.
 *
 * @example
 * const text = decodeText(bytes, "README.md");
 */
export function decodeText(bytes: Uint8Array, name = "input"): string {
  if (bytes.byteLength === 0) throw new BookInputError("empty_input", `${name} is empty`, { name });
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new BookInputError("binary_input", `${name} is a binary file, not text`, { name });
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (cause) {
    throw new BookInputError("binary_input", `${name} is not UTF-8 text`, { name }, { cause });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new BookInputError("empty_input", `${name} has no text`, { name });
  return text;
}
