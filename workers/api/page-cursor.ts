/**
 * Cursors for lists ordered newest first by (createdAt, id): opaque to clients, a bad one is a
 * 400 naming the field. Rows with the same millisecond are ordered by id, so no row is skipped
 * or repeated across pages.
 */
import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { ApiError } from "./errors";

export function encodePageCursor(row: { createdAt: number; id: string }): string {
  return btoa(`${row.createdAt}:${row.id}`);
}

export function decodePageCursor(cursor: string): { createdAt: number; id: string } {
  let parts: string[] = [];
  try {
    parts = atob(cursor).split(":");
  } catch {
    // not base64: reported below like any other cursor that is not ours
  }
  const [createdAt, id] = parts;
  if (!createdAt || !id || !Number.isFinite(Number(createdAt))) {
    throw new ApiError(400, "validation_failed", "Invalid cursor", {
      issues: [{ path: "cursor", message: "not a cursor from this API", code: "custom" }],
    });
  }
  return { createdAt: Number(createdAt), id };
}

/** The condition "older than the cursor" on a table's created_at and id columns. */
export function olderThan(
  columns: { createdAt: SQLiteColumn; id: SQLiteColumn },
  cursor: string,
): SQL | undefined {
  const at = decodePageCursor(cursor);
  return or(
    lt(columns.createdAt, at.createdAt),
    and(eq(columns.createdAt, at.createdAt), lt(columns.id, at.id)),
  );
}

/** The next cursor when the page is full (one extra row was read to know whether more exist). */
export function pageOf<T extends { createdAt: number; id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodePageCursor(last) : null };
}
