import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../workers/providers/gateway";
import { redact } from "../../workers/providers/redaction";
import { fakeEnv, uniqueModel } from "../support/fake-upstream-env";

describe("redact", () => {
  it.each([
    ["mail me at taro.yamada@example.co.jp please", "mail me at [redacted-email] please", "email"],
    ["call 03-1234-5678 today", "call [redacted-phone] today", "phone"],
    ["携帯は090-1234-5678です", "携帯は[redacted-phone]です", "phone"],
    ["mobile 09012345678", "mobile [redacted-phone]", "phone"],
    ["intl +81 90 1234 5678 ok", "intl [redacted-phone] ok", "phone"],
    ["US +1 415-555-0100.", "US [redacted-phone].", "phone"],
    ["card 4111 1111 1111 1111 exp", "card [redacted-card] exp", "card"],
    ["card 4111-1111-1111-1111", "card [redacted-card]", "card"],
  ])("redacts %s", (input, expected, kind) => {
    const r = redact(input);
    expect(r.text).toBe(expected);
    expect(r.kinds[kind as "email" | "phone" | "card"]).toBe(1);
  });

  it("leaves numbers that are not PII alone", () => {
    for (const text of [
      "order 1234567890123 shipped",
      "in 2026-11-22 at 10:30",
      "ISBN 978-4-00-000000-0",
      "version 1.2.3",
    ]) {
      expect(redact(text)).toMatchObject({ text, count: 0 });
    }
  });
});

describe("redaction in the gateway", () => {
  it("redacts before an external provider and counts it in usage", async () => {
    const gw = createGateway(fakeEnv(["openai"]), { tenantId: "t-redact", runId: "run-redact" });
    const out = await gw.generateText({
      messages: [{ role: "user", content: "a@b.io and 090-1234-5678" }],
      maxTokens: 50,
      model: `openai/${uniqueModel("ok")}`,
      cache: false,
    });
    expect(out.text).toBe("fake reply: [redacted-email] and [redacted-phone]");
    expect(out.redactions).toBe(2);
    const row = await env.DB.prepare(
      "SELECT redactions FROM usage_records WHERE workflow_id = 'run-redact'",
    ).first<{ redactions: number }>();
    expect(row?.redactions).toBe(2);
  });

  it("can be switched off, and does not apply to offline", async () => {
    const off = createGateway(fakeEnv(["openai"]), { tenantId: "t-redact", redact: false });
    const raw = await off.generateText({
      messages: [{ role: "user", content: "a@b.io" }],
      maxTokens: 50,
      model: `openai/${uniqueModel("ok")}`,
      cache: false,
    });
    expect(raw.text).toBe("fake reply: a@b.io");
    const offline = await createGateway(env, { tenantId: "t-redact" }).generateText({
      messages: [{ role: "user", content: "Write to a@b.io now." }],
      maxTokens: 50,
    });
    expect(offline.redactions).toBe(0);
  });
});
