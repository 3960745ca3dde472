import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = ReturnType<typeof build>;

function build(d1: D1Database) {
  return drizzle(d1, { schema });
}

// One handle per D1 binding per isolate: building one walks the whole schema (every table's
// columns and relations), CPU that every request used to pay (issue 16: own work per request).
// A drizzle handle holds no per-request state, only the binding and the schema.
const handles = new WeakMap<D1Database, Db>();

export function openDb(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) {
    db = build(d1);
    handles.set(d1, db);
  }
  return db;
}
