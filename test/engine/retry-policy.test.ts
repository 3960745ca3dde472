import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_MS, retryDelayMs } from "../../workers/engine/retry-policy";

describe("retryDelayMs", () => {
  it("doubles per attempt with jitter between half and all of the step", () => {
    expect(retryDelayMs(1, 1000, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, undefined, () => 1)).toBe(1000);
    expect(retryDelayMs(3, 1000, undefined, () => 0)).toBe(2000);
    expect(retryDelayMs(3, 1000, undefined, () => 1)).toBe(4000);
  });

  it("is capped", () => {
    expect(retryDelayMs(40, 1000, undefined, () => 1)).toBe(MAX_RETRY_DELAY_MS);
  });

  it("waits at least as long as the upstream's Retry-After", () => {
    expect(retryDelayMs(1, 100, 30_000, () => 1)).toBe(30_000);
    expect(retryDelayMs(5, 1000, 10, () => 0)).toBe(8000);
  });
});
