/**
 * The name an upload is stored and shown under. A client sends whatever it likes (`?name=`, a
 * multipart file name); what is kept is a plain file name: the last path segment only, no
 * control or invisible formatting characters (bidi overrides can disguise an extension), no
 * leading dots, at most MAX_UPLOAD_NAME_CHARS characters with the extension kept.
 */
export const MAX_UPLOAD_NAME_CHARS = 120;
const MAX_EXTENSION_CHARS = 10;

/**
 * @example
 * sanitizeUploadName("../../x/\u202eevil.md", "book.md"); // "evil.md"
 */
export function sanitizeUploadName(raw: string, fallback: string): string {
  const segment = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const clean = segment
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^\.+/, "");
  const chars = [...clean];
  if (chars.length === 0) return fallback;
  if (chars.length <= MAX_UPLOAD_NAME_CHARS) return clean;
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 ? [...clean.slice(dot)] : [];
  const kept = extension.length <= MAX_EXTENSION_CHARS ? extension : [];
  return chars.slice(0, MAX_UPLOAD_NAME_CHARS - kept.length).join("") + kept.join("");
}
