import { describe, expect, it } from "vitest";
import { EngineError } from "../../../workers/engine/graph";
import { MAX_BOUND_PARAMETERS } from "../../../workers/engine/graph/sql-port";
import { fanOut, GraphHarness } from "./graph-harness";

describe("wide joins (the book-run stall)", () => {
  it(
    "runs a step that spawns 5,000 children and a join of all of them, binding at most 100 parameters",
    { timeout: 60_000 },
    () => {
      const h = new GraphHarness({ concurrency: 30 });
      h.add([
        { id: "split", handler: "spawn" },
        { id: "index", handler: "work", deps: ["split"] },
      ]);
      h.drain((id) => (id === "split" ? fanOut("split", 5_000) : []));
      expect(h.graph.count("done")).toBe(5_003);
      expect(h.port.maxBindings).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
      // The index ran only after the whole fan-out settled.
      const order = h.events.filter((e) => e.status === "done").map((e) => e.id);
      expect(order.indexOf("index")).toBeGreaterThan(order.indexOf("split/join"));
    },
  );

  it("builds an initial graph whose index joins 1,000 chapters", { timeout: 30_000 }, () => {
    const h = new GraphHarness({ concurrency: 30 });
    const chapters = Array.from({ length: 1_000 }, (_, i) => ({ id: `ch${i}`, handler: "work" }));
    h.add([...chapters, { id: "book/index", handler: "work", deps: chapters.map((c) => c.id) }]);
    h.drain();
    expect(h.graph.nodeStatus("book/index")).toBe("done");
    expect(h.port.maxBindings).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
  });

  it("the test port refuses a statement over the Durable Object limit, as workerd does", () => {
    const h = new GraphHarness();
    const ids = Array.from({ length: 101 }, (_, i) => `n${i}`);
    expect(() =>
      h.port.exec(`SELECT 1 FROM nodes WHERE id IN (${ids.map(() => "?").join(",")})`, ...ids),
    ).toThrow(/too many SQL variables/);
  });
});

describe("atomic operations", () => {
  it("a fault in the middle of a spawn leaves no rows and no counters behind", () => {
    const h = new GraphHarness({ concurrency: 4 });
    h.add([{ id: "split", handler: "spawn" }]);
    const before = h.rows();
    const nonZero = () => [...h.graph.counts].filter(([, n]) => n !== 0);
    const counts = nonZero();
    // The 151st child cannot be serialised: the first 150 rows are written when it throws.
    const spawn = fanOut("split", 300);
    spawn[150]!.input = { size: 1n };
    expect(() => h.complete("split", { ok: true, output: {}, spawn, durationMs: 1 })).toThrow(/BigInt/);
    expect(h.rows()).toEqual(before);
    expect(nonZero()).toEqual(counts);
    expect(h.graph.checkInvariants()).toEqual([]);
  });

  it("refuses a spawned graph with unknown dependencies, duplicates or a cycle and fails the step instead", () => {
    for (const spawn of [
      [{ id: "a", handler: "work", deps: ["nowhere"] }],
      [
        { id: "a", handler: "work" },
        { id: "a", handler: "work" },
      ],
      [
        { id: "a", handler: "work", deps: ["b"] },
        { id: "b", handler: "work", deps: ["a"] },
      ],
      [{ id: "a", handler: "no-such-handler" }],
    ]) {
      const h = new GraphHarness();
      h.add([
        { id: "split", handler: "spawn" },
        { id: "after", handler: "work", deps: ["split"] },
      ]);
      h.complete("split", { ok: true, output: {}, spawn, durationMs: 1 });
      expect(h.graph.nodeStatus("split")).toBe("failed");
      expect(h.graph.nodeStatus("after")).toBe("skipped");
      expect(h.graph.total).toBe(2);
      expect(h.graph.isFinished).toBe(true);
      h.expectInvariants();
    }
  });

  it("refuses a cycle in an initial graph with the cycle named", () => {
    const h = new GraphHarness();
    let error: unknown;
    try {
      h.add([
        { id: "a", handler: "work", deps: ["c"] },
        { id: "b", handler: "work", deps: ["a"] },
        { id: "c", handler: "work", deps: ["b"] },
      ]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe("dependency_cycle");
    expect(h.graph.total).toBe(0);
  });
});

describe("watchdog repair", () => {
  it("settles and readies what a lost update left waiting", () => {
    const h = new GraphHarness();
    h.add([
      { id: "a", handler: "work" },
      { id: "b", handler: "work", deps: ["a"] },
    ]);
    h.complete("a", { ok: true, output: {}, durationMs: 1 });
    h.drain();
    // Corrupt: pretend b never saw a settle, as a lost update would leave it.
    h.port.exec("UPDATE nodes SET status = 'pending', deps_open = 1, output = NULL WHERE id = 'b'");
    h.graph.reload();
    expect(h.graph.isStalled).toBe(true);
    const report = h.tx(() => h.graph.repairStall());
    expect(report).toMatchObject({ repaired: 1, stuck: 0 });
    expect(h.graph.nodeStatus("b")).toBe("ready");
  });

  it("reports what can never run", () => {
    const h = new GraphHarness();
    h.add([{ id: "a", handler: "work" }]);
    h.port.exec(
      "INSERT INTO nodes (id, seq, kind, handler, status, deps_open, created_at) VALUES ('x', 99, 'step', 'work', 'pending', 1, 0)",
    );
    h.port.exec("INSERT INTO edges (src, dst) VALUES ('x', 'x')");
    h.complete("a", { ok: true, output: {}, durationMs: 1 });
    h.graph.reload();
    expect(h.graph.isStalled).toBe(true);
    const report = h.tx(() => h.graph.repairStall());
    expect(report).toEqual({ repaired: 0, stuck: 1, sample: ["x"] });
  });
});
