/**
 * Opening a run's live streams (`/ws`, `/events`). Server clients send the key in the
 * `Authorization` header as everywhere else. Browsers cannot put headers on a WebSocket or an
 * EventSource, so they buy a single-use ticket first (`POST /v1/workflows/:id/tickets`, with the
 * key) and put the ticket in the URL: no key ever appears in a URL, a log line or a trace, and a
 * ticket that does is already spent (see durable-objects/workflow-run/live-tickets.ts).
 *
 * Either way the request reaches the run with the acting key's id in LIVE_KEY_HEADER, so the run
 * can close the key's connections when it is revoked and audit what they do.
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { authorize } from "../auth/permissions";
import { activeRoles } from "../auth/principals";
import { workflows } from "../db/schema";
import { LIVE_KEY_HEADER } from "../engine/run-rpc";
import { runStub } from "../engine/run-stub";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";
import { ownedWorkflow } from "./workflow-access";

const LIVE_PATH = /^\/v1\/workflows\/wf_[0-9a-f]{32}\/(ws|events)$/;

type LiveRequest = {
  method: string;
  path: string;
  header(name: string): string | undefined;
  query(name: string): string | undefined;
};

/** A live-stream request that authenticates with a ticket instead of the key header. */
export function isTicketRequest(req: LiveRequest): boolean {
  return (
    req.method === "GET" &&
    LIVE_PATH.test(req.path) &&
    req.header("Authorization") === undefined &&
    req.query("ticket") !== undefined
  );
}

function badTicket(): ApiError {
  return new ApiError(401, "unauthorized", "Invalid, expired or already used ticket");
}

/** The id of the key a live request acts as; throws 401/404 when it may not open the stream. */
export async function liveKeyId(c: Context<AppEnv>, runId: string): Promise<string> {
  if (!isTicketRequest(c.req)) {
    await ownedWorkflow(c, runId);
    return c.get("auth").apiKeyId;
  }
  const db = c.get("db");
  const run = await db
    .select({ tenantId: workflows.tenantId })
    .from(workflows)
    .where(eq(workflows.id, runId))
    .get();
  if (!run) throw badTicket();
  const keyId = await runStub(c.env, runId).redeemTicket(c.req.query("ticket") ?? "");
  if (!keyId) throw badTicket();
  // The ticket is the run's own, but its key or session may have ended since it was bought.
  const role = (await activeRoles(c.env.DB, run.tenantId, [keyId])).get(keyId);
  if (!role || !authorize({ role, scopes: null }, "runs.watch").ok) throw badTicket();
  return keyId;
}

/**
 * Responses from a Durable Object's fetch have immutable headers; the middleware after the route
 * (request id, security headers) needs to add its own, so hand it a copy.
 */
function mutable(res: Response): Response {
  if (res.webSocket)
    return new Response(null, { status: 101, webSocket: res.webSocket, headers: res.headers });
  return new Response(res.body, res);
}

/** Hands the request to the run as `keyId`, without the key header or the ticket. */
export async function forwardLive(c: Context<AppEnv>, runId: string, keyId: string): Promise<Response> {
  const url = new URL(c.req.url);
  url.searchParams.delete("ticket");
  const headers = new Headers(c.req.raw.headers);
  headers.delete("Authorization");
  headers.set(LIVE_KEY_HEADER, keyId);
  return mutable(await runStub(c.env, runId).fetch(new Request(url, { method: "GET", headers })));
}
