/**
 * GET /health — unauthenticated liveness and readiness. It really touches D1 (reads the latest
 * applied migration) and R2 (writes, reads back and deletes a probe object), so a 200 means the
 * storage the API needs is usable, not merely configured. Any failing check makes it a 503.
 */
import { createRoute } from "@hono/zod-openapi";
import { healthSchema, type HealthCheck as Check } from "../../protocol/health";
import { VERSION } from "../../version";
import { apiRouter, json } from "../openapi";

async function timed(probe: () => Promise<string | undefined>): Promise<Check> {
  const started = performance.now();
  try {
    const detail = await probe();
    const check: Check = { ok: true, latencyMs: Math.round(performance.now() - started) };
    if (detail) check.detail = detail;
    return check;
  } catch (err) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

async function checkD1(db: D1Database): Promise<string | undefined> {
  const row = await db
    .prepare("SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1")
    .first<{ name: string }>()
    .catch((err: unknown) => {
      throw new Error(`migrations not applied (${String(err)})`);
    });
  if (!row) throw new Error("migrations not applied");
  return `migration ${row.name}`;
}

async function checkR2(bucket: R2Bucket, requestId: string): Promise<string | undefined> {
  const key = `_health/${requestId}`;
  await bucket.put(key, requestId);
  try {
    const body = await (await bucket.get(key))?.text();
    if (body !== requestId) throw new Error("probe object did not read back");
  } finally {
    await bucket.delete(key);
  }
  return undefined;
}

export const healthRoutes = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["Health"],
    summary: "Liveness and readiness: really touches D1 and R2 (no key needed)",
    security: [],
    responses: {
      200: json(healthSchema, "Everything the API needs is usable"),
      503: json(healthSchema, "A check failed (see `bindings`)"),
    },
  }),
  async (c) => {
    const [d1, r2] = await Promise.all([
      timed(() => checkD1(c.env.DB)),
      timed(() => checkR2(c.env.BUCKET, c.get("requestId"))),
    ]);
    const healthy = d1.ok && r2.ok;
    return c.json(
      {
        status: healthy ? ("ok" as const) : ("degraded" as const),
        version: VERSION,
        environment: c.env.ENVIRONMENT,
        bindings: {
          d1,
          r2,
          queue: { ok: Boolean(c.env.STEPS), detail: "configured" },
          workflowRun: { ok: Boolean(c.env.WORKFLOW_RUN), detail: "configured" },
          workersAi: {
            ok: true,
            detail: c.env.AI ? "configured" : "not configured (remote-only binding; absent locally)",
          },
        },
      },
      healthy ? 200 : 503,
    );
  },
);
