/**
 * Skip with a fallback: the reviewed step re-runs as its fallback (the assignment says so), the
 * result is a new version noted "skipped", the gate closes as skipped by itself and the steps
 * after it run on the fallback. A `back` past a pending fallback cancels it.
 */
import { describe, expect, it } from "vitest";
import { GraphHarness } from "./graph-harness";

function phases(): GraphHarness {
  const h = new GraphHarness({ concurrency: 4 });
  h.unclaimed = true; // the tests claim themselves, to see the assignments
  h.add([
    { id: "a", handler: "work" },
    { id: "a/review", kind: "gate", reviews: "a" },
    { id: "b", handler: "work", deps: ["a/review"] },
    { id: "b/review", kind: "gate", reviews: "b" },
  ]);
  return h;
}

describe("skip with a fallback", () => {
  it("re-runs the step as its fallback, records a 'skipped' version and closes the gate", () => {
    const h = phases();
    h.complete("a", { ok: true, output: { from: "model" }, durationMs: 1 });
    expect(h.waitingGates()).toEqual(["a/review"]);

    h.review("a/review", { action: "skip", fallback: true });
    expect(h.graph.nodeStatus("a/review")).toBe("pending");
    const lease = h.leases.get("a")!;
    const assignment = h.tx(() => h.graph.claim("a", lease.leaseId, h.run, h.now, "m"));
    expect(assignment).toMatchObject({ nodeId: "a", fallback: true, version: 2 });
    expect(assignment?.feedback).toBeUndefined();

    h.complete("a", { ok: true, output: { from: "fallback" }, durationMs: 1 });
    expect(h.graph.nodeStatus("a/review")).toBe("skipped");
    expect(h.opened).toEqual(["a/review"]); // nobody is asked about the fallback
    expect(h.graph.output("a")).toMatchObject({ output: { from: "fallback" }, version: 2 });
    const versions = h.port
      .exec("SELECT version, source, feedback FROM versions WHERE node_id = 'a' ORDER BY version")
      .toArray();
    expect(versions).toEqual([
      { version: 1, source: "run", feedback: null },
      { version: 2, source: "fallback", feedback: "skipped" },
    ]);
    // The next phase runs on the fallback, as an ordinary step.
    expect(h.leases.has("b")).toBe(true);
    const next = h.tx(() => h.graph.claim("b", h.leases.get("b")!.leaseId, h.run, h.now, "m2"));
    expect(next?.fallback).toBeUndefined();
    h.expectInvariants();
  });

  it("a step that also needs a failed one stays blocked when the skipped phase re-runs", () => {
    // Found by the property test: re-running a gated step reset its dependents, and one whose
    // other dependency had failed ran anyway once the fallback settled.
    const h = new GraphHarness({ concurrency: 4 });
    h.add([
      { id: "other", handler: "work" },
      { id: "a", handler: "work" },
      { id: "a/review", kind: "gate", reviews: "a" },
      { id: "join", handler: "work", deps: ["a/review", "other"] },
    ]);
    h.complete("other", { ok: false, retryable: false, error: "permanent", durationMs: 1 });
    h.complete("a", { ok: true, output: { from: "model" }, durationMs: 1 });
    h.review("a/review", { action: "skip", fallback: true });
    h.complete("a", { ok: true, output: { from: "fallback" }, durationMs: 1 });
    expect(h.graph.nodeStatus("a/review")).toBe("skipped");
    expect(h.leases.has("join")).toBe(false);
    expect(h.graph.nodeStatus("join")).toBe("skipped");
    h.expectInvariants();
    expect(h.graph.isFinished).toBe(true);
  });

  it("a plain skip (no fallback) closes the gate and keeps the output", () => {
    const h = phases();
    h.complete("a", { ok: true, output: { from: "model" }, durationMs: 1 });
    h.review("a/review", { action: "skip" });
    expect(h.graph.nodeStatus("a/review")).toBe("skipped");
    expect(h.graph.output("a")).toMatchObject({ output: { from: "model" }, version: 1 });
    h.expectInvariants();
  });

  it("a failed fallback blocks the gate; retry runs the fallback again and then closes it", () => {
    const h = phases();
    h.complete("a", { ok: true, output: {}, durationMs: 1 });
    h.review("a/review", { action: "skip", fallback: true });
    h.complete("a", { ok: false, retryable: false, error: "broken", durationMs: 1 });
    expect(h.graph.nodeStatus("a/review")).toBe("skipped");
    expect(h.graph.isFinished).toBe(true);
    h.tx(() => h.graph.retryFailed());
    h.dispatch();
    const assignment = h.tx(() => h.graph.claim("a", h.leases.get("a")!.leaseId, h.run, h.now, "r"));
    expect(assignment?.fallback).toBe(true);
    h.complete("a", { ok: true, output: { from: "fallback" }, durationMs: 1 });
    expect(h.graph.nodeStatus("a/review")).toBe("skipped");
    expect(h.leases.has("b")).toBe(true);
    h.expectInvariants();
  });

  it("going back past a pending fallback runs the phase as usual again", () => {
    const h = phases();
    h.complete("a", { ok: true, output: {}, durationMs: 1 });
    h.review("a/review", { action: "approve" });
    h.complete("b", { ok: true, output: {}, durationMs: 1 });
    h.review("b/review", { action: "skip", fallback: true });
    h.review("b/review", { action: "back", to: "a/review" });
    h.review("a/review", { action: "approve" });
    const assignment = h.tx(() => h.graph.claim("b", h.leases.get("b")!.leaseId, h.run, h.now, "x"));
    expect(assignment?.fallback).toBeUndefined();
    h.complete("b", { ok: true, output: {}, durationMs: 1 });
    expect(h.waitingGates()).toEqual(["b/review"]);
    h.expectInvariants();
  });
});
