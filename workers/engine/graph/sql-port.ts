/**
 * The slice of SQLite the graph needs. A Durable Object's `ctx.storage.sql` fits it as is; unit
 * tests hand it `node:sqlite` behind the same shape, so the graph rules run without workerd.
 */
export type SqlValue = ArrayBuffer | string | number | null;
export type Row = Record<string, SqlValue>;

export interface SqlCursor extends Iterable<Row> {
  toArray(): Row[];
  one(): Row;
}

export interface SqlPort {
  exec(query: string, ...bindings: unknown[]): SqlCursor;
}

/**
 * Durable Object SQLite binds at most 100 parameters per statement. Lists of ids go in as one
 * JSON parameter and come out of `json_each`, never as a generated `IN (?, ?, …)`.
 */
export const MAX_BOUND_PARAMETERS = 100;

/** `id IN ${IDS_IN_JSON}` with JSON.stringify(ids) bound: any number of ids, one parameter. */
export const IDS_IN_JSON = "(SELECT value FROM json_each(?))";

export const str = (v: SqlValue | undefined): string | null => (typeof v === "string" ? v : null);
export const num = (v: SqlValue | undefined): number => (typeof v === "number" ? v : 0);

export function firstRow(sql: SqlPort, query: string, ...bindings: unknown[]): Row | undefined {
  return sql.exec(query, ...bindings).toArray()[0];
}
