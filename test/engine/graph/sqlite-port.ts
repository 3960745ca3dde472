/**
 * The graph's SqlPort on `node:sqlite`, for unit tests that need no workerd. It enforces the
 * Durable Object limit of 100 bound parameters per statement loudly (plain SQLite allows 32,766,
 * which is how the book-run stall got past the tests before), and offers the same
 * roll-back-and-reload transaction the run object uses.
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import {
  MAX_BOUND_PARAMETERS,
  type Row,
  type SqlCursor,
  type SqlPort,
} from "../../../workers/engine/graph/sql-port";

export class SqliteTestPort implements SqlPort {
  readonly db = new DatabaseSync(":memory:");
  statements = 0;
  maxBindings = 0;

  exec(query: string, ...bindings: unknown[]): SqlCursor {
    if (bindings.length > MAX_BOUND_PARAMETERS) {
      throw new Error(
        `too many SQL variables: ${bindings.length} bound (limit ${MAX_BOUND_PARAMETERS}) in ${query}`,
      );
    }
    this.statements++;
    this.maxBindings = Math.max(this.maxBindings, bindings.length);
    const rows = this.db.prepare(query).all(...(bindings as SQLInputValue[])) as Row[];
    return {
      toArray: () => rows,
      one: () => {
        if (rows.length !== 1) throw new Error(`expected exactly one row, got ${rows.length}: ${query}`);
        return rows[0]!;
      },
      [Symbol.iterator]: () => rows[Symbol.iterator](),
    };
  }

  /** Runs `fn` atomically like `ctx.storage.transactionSync`; `onRollback` after a throw. */
  transaction<T>(fn: () => T, onRollback: () => void): T {
    this.db.exec("SAVEPOINT tx");
    try {
      const value = fn();
      this.db.exec("RELEASE tx");
      return value;
    } catch (err) {
      this.db.exec("ROLLBACK TO tx");
      this.db.exec("RELEASE tx");
      onRollback();
      throw err;
    }
  }
}
