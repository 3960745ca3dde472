/**
 * Paths inside an uploaded book: always relative, POSIX, normalised, never above the root.
 */

/** The folder part of a path ("" for a top-level file). */
export function dirname(path: string): string {
  const at = path.lastIndexOf("/");
  return at === -1 ? "" : path.slice(0, at);
}

/** True for hrefs that leave the book: URLs with a scheme, protocol-relative or absolute. */
export function isExternalHref(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//");
}

/**
 * Resolves `href` (relative to the folder `fromDir`) to a book path and fragment, or `null` when
 * it points outside the book or is external. Percent-escapes are decoded.
 *
 * @example
 * resolveBookPath("src", "ch04-01-what-is-ownership.md#the-stack");
 * // { path: "src/ch04-01-what-is-ownership.md", fragment: "the-stack" }
 */
export function resolveBookPath(fromDir: string, href: string): { path: string; fragment?: string } | null {
  if (isExternalHref(href)) return null;
  const hashAt = href.indexOf("#");
  const rawPath = (hashAt === -1 ? href : href.slice(0, hashAt)).split("?")[0] ?? "";
  const fragment = hashAt === -1 ? undefined : href.slice(hashAt + 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    // A malformed escape is kept literally: the file lookup then simply fails and is reported.
    decoded = rawPath;
  }
  const parts = rawPath.startsWith("/") ? [] : fromDir.split("/").filter(Boolean);
  for (const part of decoded.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  const path = parts.join("/");
  return fragment === undefined || fragment === "" ? { path } : { path, fragment };
}
