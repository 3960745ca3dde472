import type { D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import pkg from "../../package.json";
import { api } from "../support/api";

describe("GET /health", () => {
  it("reports D1 and R2 healthy after really touching them", async () => {
    const res = await api("/health");
    expect(res.status).toBe(200);
    const body = await res.json<{
      status: string;
      version: string;
      bindings: Record<string, { ok: boolean; detail?: string }>;
    }>();
    expect(body.status).toBe("ok");
    expect(body.version).toBe(pkg.version);
    const { TEST_MIGRATIONS } = env as unknown as { TEST_MIGRATIONS: D1Migration[] };
    const latest = TEST_MIGRATIONS[TEST_MIGRATIONS.length - 1]!.name;
    expect(body.bindings.d1).toMatchObject({ ok: true, detail: `migration ${latest}` });
    expect(body.bindings.r2?.ok).toBe(true);
    expect(body.bindings.workersAi?.detail).toMatch(/not configured/);
  });

  it("carries a request id, and echoes a caller's", async () => {
    const fresh = await api("/health");
    expect(fresh.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await api("/health", { headers: { "X-Request-Id": "trace-123" } });
    expect(echoed.headers.get("X-Request-Id")).toBe("trace-123");
  });

  it("leaves no probe objects behind in R2", async () => {
    await api("/health");
    const listed = await env.BUCKET.list({ prefix: "_health/" });
    expect(listed.objects).toHaveLength(0);
  });
});
