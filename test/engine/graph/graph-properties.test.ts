/**
 * Property tests: random graphs (chains, fan-outs with joins up to 5,000 wide, review gates)
 * under random operations (completions, permanent and transient failures, lease expiry, every
 * review action, retry of a finished run). After every operation the invariants hold and the run
 * is never stalled; afterwards, completing everything always finishes the run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NodeSpec } from "../../../workers/engine/types";
import { fanOut, GraphHarness } from "./graph-harness";

type Shape = { steps: { deps: number[]; spawn: number; gated: boolean }[] };

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  steps: fc.array(
    fc.record({
      deps: fc.array(fc.nat(20), { maxLength: 3 }),
      spawn: fc.oneof(
        { weight: 40, arbitrary: fc.constant(0) },
        { weight: 20, arbitrary: fc.integer({ min: 1, max: 40 }) },
        { weight: 4, arbitrary: fc.constant(150) },
        { weight: 1, arbitrary: fc.constant(5_000) },
      ),
      gated: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

const OPS = [
  "ok",
  "ok",
  "ok",
  "fail",
  "transient",
  "expire",
  "approve",
  "revise",
  "edit",
  "skip",
  "skip-fallback",
  "back",
  "select",
  "retry",
] as const;
const opArb = fc.record({ op: fc.constantFrom(...OPS), pick: fc.nat() });

/** The initial graph: step i may depend on earlier steps; gated steps get a gate after them. */
function build(shape: Shape): { specs: NodeSpec[]; spawns: Map<string, number> } {
  const specs: NodeSpec[] = [];
  const spawns = new Map<string, number>();
  shape.steps.forEach((step, i) => {
    const id = `s${i}`;
    const deps = [...new Set(step.deps.filter((d) => d < i).map((d) => `s${d}`))];
    specs.push({ id, handler: step.spawn > 0 ? "spawn" : "work", deps });
    if (step.spawn > 0) spawns.set(id, step.spawn);
    if (step.gated) specs.push({ id: `${id}/gate`, kind: "gate", reviews: id });
  });
  return { specs, spawns };
}

function apply(h: GraphHarness, spawns: Map<string, number>, op: (typeof OPS)[number], pick: number): void {
  const leased = [...h.leases.keys()];
  const gates = h.waitingGates();
  const leasedPick = leased[pick % Math.max(1, leased.length)];
  const gatePick = gates[pick % Math.max(1, gates.length)];
  const spawnOf = (id: string) => (spawns.has(id) ? fanOut(id, spawns.get(id)!) : []);
  switch (op) {
    case "ok":
      if (leasedPick)
        h.complete(leasedPick, { ok: true, output: { v: pick }, spawn: spawnOf(leasedPick), durationMs: 1 });
      break;
    case "fail":
      if (leasedPick)
        h.complete(leasedPick, { ok: false, retryable: false, error: "permanent", durationMs: 1 });
      break;
    case "transient":
      if (leasedPick)
        h.complete(leasedPick, { ok: false, retryable: true, error: "transient", durationMs: 1 });
      break;
    case "expire":
      h.advance(5_000);
      break;
    case "approve":
    case "skip":
      if (gatePick) h.review(gatePick, { action: op });
      break;
    case "skip-fallback":
      if (gatePick) h.review(gatePick, { action: "skip", fallback: true });
      break;
    case "revise":
      if (gatePick) h.review(gatePick, { action: "revise", feedback: "again" });
      break;
    case "edit":
      if (gatePick) h.review(gatePick, { action: "edit", output: { edited: pick } });
      break;
    case "select": {
      const gate = gatePick ? h.graph.gate(gatePick) : null;
      const versions = gate ? h.graph.versionsOf(gate.reviews) : [];
      if (gatePick && versions.length > 0)
        h.review(gatePick, { action: "select", version: versions[pick % versions.length]! });
      break;
    }
    case "back": {
      const passed = h.port
        .exec("SELECT id FROM nodes WHERE kind = 'gate' AND status IN ('done', 'skipped') ORDER BY seq")
        .toArray()
        .map((r) => String(r.id));
      const to = passed[pick % Math.max(1, passed.length)];
      if (!gatePick || !to) break;
      // A gate skipped because its step failed was never passed by a person: going back to it is
      // refused (409), and the refusal changes nothing.
      if (h.graph.gate(to)?.blocked) {
        expect(() => h.review(gatePick, { action: "back", to })).toThrow(/has not been passed yet/);
      } else h.review(gatePick, { action: "back", to });
      break;
    }
    case "retry":
      if (h.graph.isFinished) {
        h.tx(() => h.graph.retryFailed());
        h.dispatch();
      }
      break;
  }
}

describe("graph properties", () => {
  it("keeps its invariants under random operations and always finishes", { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.array(opArb, { maxLength: 60 }),
        fc.integer({ min: 1, max: 30 }),
        (shape, ops, concurrency) => {
          const h = new GraphHarness({ concurrency, maxAttempts: 3 });
          const { specs, spawns } = build(shape);
          h.add(specs);
          h.expectInvariants();
          for (const { op, pick } of ops) {
            apply(h, spawns, op, pick);
            if (h.graph.total <= 1_000) h.expectInvariants();
          }
          h.expectInvariants();
          h.drain((id) => (spawns.has(id) ? fanOut(id, spawns.get(id)!) : []));
          expect(h.graph.isFinished).toBe(true);
          expect(h.port.maxBindings).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 60 },
    );
  });
});
