/** workers/observability/log.ts: one JSON line, fixed field names, no credentials. */
import { describe, expect, it } from "vitest";
import { createLogger, logLevelFrom, logLine, type Level } from "../../workers/observability/log";

describe("logLine", () => {
  it("writes the level, the message and the correlation ids as one JSON object", () => {
    const line = JSON.parse(
      logLine("error", "step failed", { runId: "wf_1", nodeId: "ch01/x", tenantId: "t", requestId: "r" }),
    ) as Record<string, unknown>;
    expect(line).toEqual({
      level: "error",
      msg: "step failed",
      runId: "wf_1",
      nodeId: "ch01/x",
      tenantId: "t",
      requestId: "r",
    });
  });

  it("logs errors as 'Name: message' and drops undefined fields", () => {
    const line = JSON.parse(
      logLine("warn", "x", { error: new TypeError("boom"), runId: undefined }),
    ) as Record<string, unknown>;
    expect(line).toEqual({ level: "warn", msg: "x", error: "TypeError: boom" });
  });

  it("never writes a field named like a credential, and cannot be made to change level or msg", () => {
    const line = JSON.parse(
      logLine("info", "call", {
        authorization: "Bearer sk-123",
        apiKey: "sk-456",
        token: "t",
        tokensIn: 12,
        level: "debug",
        msg: "spoofed",
      }),
    ) as Record<string, unknown>;
    expect(JSON.stringify(line)).not.toContain("sk-");
    expect(line).toMatchObject({ level: "info", msg: "call", authorization: "[redacted]", tokensIn: 12 });
  });
});

describe("credentials inside text", () => {
  it("are redacted from errors and string fields, whatever the field is called", () => {
    const text = logLine("error", "provider call", {
      error: new Error("401 Incorrect API key provided: sk-proj-AbCdEf123456. Check your key."),
      detail: "sent Authorization: Bearer tsu_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
      gemini: "key=AIzaSyA1234567890abcdefghijklmnop",
    });
    expect(text).not.toMatch(/sk-proj|tsu_abc|AIzaSy/);
    expect(JSON.parse(text)).toMatchObject({
      error: "Error: 401 Incorrect API key provided: [redacted]. Check your key.",
    });
  });
});

describe("LOG_LEVEL", () => {
  const recorded = (minimum: Level) => {
    const lines: string[] = [];
    const keep = (text: string) => lines.push(text);
    const logger = createLogger(() => minimum, { log: keep, warn: keep, error: keep }).with({
      runId: "wf_1",
    });
    logger.info("step", { durationMs: 3 });
    logger.warn("slow provider");
    logger.error("step failed");
    return lines.map((line) => JSON.parse(line) as { level: string; msg: string; runId: string });
  };

  it("writes every level at info, the default", () => {
    expect(recorded("info").map((l) => l.level)).toEqual(["info", "warn", "error"]);
    expect(recorded("info")[0]).toMatchObject({ msg: "step", runId: "wf_1" });
  });

  it("drops the lines below the configured level", () => {
    expect(recorded("warn").map((l) => l.msg)).toEqual(["slow provider", "step failed"]);
    expect(recorded("error").map((l) => l.msg)).toEqual(["step failed"]);
  });

  it("reads unknown or missing values as info", () => {
    expect(logLevelFrom("warn")).toBe("warn");
    expect(logLevelFrom(undefined)).toBe("info");
    expect(logLevelFrom("debug")).toBe("info");
    expect(logLevelFrom("toString")).toBe("info");
  });
});
