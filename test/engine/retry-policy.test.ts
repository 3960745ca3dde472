import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isRetryableStepError, MAX_RETRY_DELAY_MS, retryDelayMs } from "../../workers/engine/retry-policy";
import { FatalStepError, RetryableStepError } from "../../workers/engine/types";

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

describe("isRetryableStepError", () => {
  it("retries provider and transport failures", () => {
    expect(isRetryableStepError(new RetryableStepError("429"))).toBe(true);
    // Bindings and the runtime fail with plain Errors ("Network connection lost").
    expect(isRetryableStepError(new Error("Network connection lost."))).toBe(true);
    // Whatever was thrown when the lease deadline aborted the attempt.
    expect(isRetryableStepError(new DOMException("aborted", "AbortError"), true)).toBe(true);
  });

  it("does not retry refused work, bugs or data that does not parse", () => {
    expect(isRetryableStepError(new FatalStepError("auth"))).toBe(false);
    expect(isRetryableStepError(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isRetryableStepError(new ReferenceError("x is not defined"))).toBe(false);
    expect(isRetryableStepError(new RangeError("Invalid array length"))).toBe(false);
    expect(isRetryableStepError(new SyntaxError("Unexpected token"))).toBe(false);
    expect(isRetryableStepError(z.string().safeParse(1).error)).toBe(false);
  });
});
