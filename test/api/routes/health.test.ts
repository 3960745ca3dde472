import type { D1Migration } from "cloudflare:test";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import pkg from "../../../package.json";
import { createApp } from "../../../workers/app";
import { healthSchema } from "../../../workers/protocol/health";
import { api, BASE } from "../../support/api";

/** The same app with one binding removed, as a deployment that lost it would run. */
async function healthWithout(binding: keyof Env): Promise<Response> {
  const broken = { ...env, [binding]: undefined } as unknown as Env;
  const ctx = createExecutionContext();
  const res = await (await createApp()).fetch(new Request(`${BASE}/health`), broken, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("GET /health", () => {
  it("reports every binding healthy after really using it", async () => {
    const res = await api("/health");
    expect(res.status).toBe(200);
    const body = healthSchema.parse(await res.json());
    expect(body.status).toBe("ok");
    expect(body.version).toBe(pkg.version);
    const { TEST_MIGRATIONS } = env as unknown as { TEST_MIGRATIONS: D1Migration[] };
    const latest = TEST_MIGRATIONS[TEST_MIGRATIONS.length - 1]!.name;
    expect(body.bindings.d1).toMatchObject({ ok: true, state: "ok", detail: `migration ${latest}` });
    for (const name of [
      "r2",
      "stepsQueue",
      "tasksQueue",
      "workflowRun",
      "providerGuard",
      "budgetLedger",
      "taskEvents",
      "metrics",
    ] as const) {
      expect(body.bindings[name], name).toMatchObject({
        ok: true,
        state: "ok",
        latencyMs: expect.any(Number),
      });
    }
  });

  it("says Workers AI is not configured locally instead of calling it healthy", async () => {
    const body = healthSchema.parse(await (await api("/health")).json());
    expect(body.bindings.workersAi).toMatchObject({ ok: false, state: "not_configured" });
  });

  it("is degraded (503) when a binding is broken", async () => {
    for (const binding of ["STEPS", "BUCKET", "WORKFLOW_RUN"] as const) {
      const res = await healthWithout(binding);
      expect(res.status, binding).toBe(503);
      const body = healthSchema.parse(await res.json());
      expect(body.status).toBe("degraded");
      const failing = Object.entries(body.bindings).filter(([, b]) => b.state === "failing");
      expect(failing).toHaveLength(1);
    }
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
