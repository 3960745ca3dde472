/** Helpers for engine tests: start runs through the API, wait for states, read the AI log. */
import { inject } from "vitest";
import { api, authed, jsonBody } from "./api";
import { FINAL_RUN_STATUSES } from "../../workers/protocol/live";
import {
  createdWorkflowSchema,
  workflowDetailSchema,
  type WorkflowDetail,
} from "../../workers/protocol/workflows";
import type { CallRecord } from "./fake-ai-server";

/** GET /v1/workflows/:id, parsed with the protocol's schema (so a drift fails the tests). */
export type RunJson = WorkflowDetail;

/** The fake AI server's URL with behaviour parameters (see fake-ai-server.ts). */
export function aiUrl(params: Record<string, string | number> = {}): string {
  const url = new URL(inject("aiUrl"));
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return url.toString();
}

export async function startRun(key: string, body: Record<string, unknown>): Promise<string> {
  const res = await api("/v1/workflows", authed(key, jsonBody(body)));
  if (res.status !== 202) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return createdWorkflowSchema.parse(await res.json()).id;
}

export async function getRun(key: string, id: string): Promise<RunJson> {
  const res = await api(`/v1/workflows/${id}`, authed(key));
  if (res.status !== 200) throw new Error(`get failed: ${res.status} ${await res.text()}`);
  return workflowDetailSchema.parse(await res.json());
}

export async function waitForRun(
  key: string,
  id: string,
  until: (run: RunJson) => boolean,
  timeoutMs = 15_000,
): Promise<RunJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(key, id);
    if (until(run)) return run;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last state ${JSON.stringify(run)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const isFinished = (run: RunJson) => FINAL_RUN_STATUSES.includes(run.status);

export async function aiCalls(runId: string): Promise<{ calls: CallRecord[]; maxInflight: number }> {
  const url = new URL(inject("aiUrl"));
  url.pathname = "/calls";
  url.searchParams.set("run", runId);
  return (await fetch(url)).json();
}

export function callsPerNode(calls: CallRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.node, (counts.get(call.node) ?? 0) + 1);
  return counts;
}

export async function post(key: string, path: string, body?: unknown): Promise<Response> {
  return api(path, authed(key, body === undefined ? { method: "POST" } : jsonBody(body)));
}
