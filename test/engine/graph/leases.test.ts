import { describe, expect, it } from "vitest";
import { GraphHarness } from "./graph-harness";

describe("leases", () => {
  it("a step whose message was never claimed is handed out again without spending an attempt", () => {
    const h = new GraphHarness({ concurrency: 1, maxAttempts: 2 });
    h.unclaimed = true;
    h.add([{ id: "a", handler: "work" }]);
    // Five lease periods pass with the message waiting in the queue: the step never fails.
    for (let i = 0; i < 5; i++) {
      h.advance(1_001);
      expect(h.graph.nodeStatus("a")).toBe("leased");
      expect(h.graph.detail("a")).toMatchObject({ attempts: 1, error: null });
      h.expectInvariants();
    }
    h.unclaimed = false;
    h.advance(1_001);
    expect(h.graph.detail("a")).toMatchObject({ status: "leased", attempts: 1 });
    h.complete("a", { ok: true, output: {}, durationMs: 1 });
    expect(h.graph.nodeStatus("a")).toBe("done");
  });

  it("a claimed step's deadline counts from its claim, and a silent consumer spends its attempts", () => {
    const h = new GraphHarness({ concurrency: 1, maxAttempts: 2 });
    h.unclaimed = true;
    h.add([{ id: "a", handler: "work" }]);
    const [lease] = h.leases.values();
    h.now += 900; // the message waited 900 ms of the 1,000 ms lease
    const assignment = h.tx(() => h.graph.claim("a", lease!.leaseId, h.run, h.now));
    expect(assignment?.leaseUntil).toBe(h.now + 1_000);
    h.advance(500); // 1,400 ms after the lease, 500 ms after the claim: still running
    expect(h.graph.nodeStatus("a")).toBe("leased");
    h.unclaimed = false;
    h.advance(600); // past the claim's deadline: retried with the attempt spent
    expect(h.graph.detail("a")).toMatchObject({ status: "leased", attempts: 2 });
    h.advance(1_001); // the second claimed attempt expires too: the step fails
    expect(h.graph.detail("a")).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/lease expired/),
    });
    h.expectInvariants();
  });

  it("a retried message claims its step again; a duplicate message for the same lease gets nothing", () => {
    const h = new GraphHarness({ concurrency: 1, maxAttempts: 2 });
    h.unclaimed = true;
    h.add([{ id: "a", handler: "work" }]);
    const [lease] = h.leases.values();
    const first = h.tx(() => h.graph.claim("a", lease!.leaseId, h.run, h.now, "message-1"));
    expect(first).not.toBeNull();
    // The answer to that claim was lost (the object restarted); the same message, retried, asks again.
    const retried = h.tx(() => h.graph.claim("a", lease!.leaseId, h.run, h.now, "message-1"));
    expect(retried).toMatchObject({ nodeId: "a", leaseId: lease!.leaseId, attempt: 1 });
    // A second delivery of the step (another message) and a hand-out without a message get nothing.
    expect(h.tx(() => h.graph.claim("a", lease!.leaseId, h.run, h.now, "message-2"))).toBeNull();
    expect(h.tx(() => h.graph.claim("a", lease!.leaseId, h.run, h.now))).toBeNull();
    h.expectInvariants();
  });

  it("after a restart, unclaimed leases go back to ready without an attempt; claimed ones stay", () => {
    const h = new GraphHarness({ concurrency: 2, maxAttempts: 2 });
    h.unclaimed = true;
    h.add([
      { id: "a", handler: "work" },
      { id: "b", handler: "work" },
    ]);
    const leaseA = h.leases.get("a")!;
    h.tx(() => h.graph.claim("a", leaseA.leaseId, h.run, h.now, "message-a"));
    expect(h.tx(() => h.graph.releaseUnclaimed())).toBe(1);
    expect(h.graph.detail("a")).toMatchObject({ status: "leased", attempts: 1 });
    expect(h.graph.detail("b")).toMatchObject({ status: "ready", attempts: 0 });
    // Sent again under a new lease; the old lease's message, if it arrives, claims nothing.
    const oldLeaseB = h.leases.get("b")!.leaseId;
    h.dispatch();
    expect(h.graph.detail("b")).toMatchObject({ status: "leased", attempts: 1 });
    expect(h.tx(() => h.graph.claim("b", oldLeaseB, h.run, h.now, "message-b"))).toBeNull();
    h.expectInvariants();
  });
});
