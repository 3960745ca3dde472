import { describe, expect, it } from "vitest";
import { alertTransitions } from "../../workers/metrics/alert-transitions";
import type { MetricsAlert } from "../../workers/protocol/metrics";

const alert = (name: string, state: MetricsAlert["state"]): MetricsAlert => ({
  name,
  state,
  value: state === "unknown" ? null : 1,
  threshold: 0,
  summary: name,
  runbook: `docs/operations.md#${name}`,
});

describe("alert transitions", () => {
  it("fires on the way up, resolves on the way down, says nothing in between", () => {
    expect(alertTransitions([], [alert("a", "firing")]).map((t) => t.event)).toEqual(["fired"]);
    expect(alertTransitions([{ rule: "a", state: "firing" }], [alert("a", "firing")])).toEqual([]);
    expect(
      alertTransitions([{ rule: "a", state: "firing" }], [alert("a", "ok")]).map((t) => t.event),
    ).toEqual(["resolved"]);
    expect(alertTransitions([{ rule: "a", state: "ok" }], [alert("a", "ok")])).toEqual([]);
    expect(alertTransitions([], [alert("a", "ok")])).toEqual([]);
  });

  it("keeps the previous state when a rule has no data", () => {
    expect(alertTransitions([{ rule: "a", state: "firing" }], [alert("a", "unknown")])).toEqual([]);
    expect(alertTransitions([], [alert("memory", "unknown")])).toEqual([]);
  });
});
