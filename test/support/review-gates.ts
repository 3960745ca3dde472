/** Helpers for runs with review gates: read a node, wait for a gate to open, answer it. */
import { expect } from "vitest";
import { api, authed } from "./api";
import { post } from "./workflows";

export type NodeDetail = {
  status: string;
  version: number;
  output: Record<string, unknown>;
  versions: { version: number; source: string }[];
};

export async function node(key: string, id: string, nodeId: string): Promise<NodeDetail> {
  const res = await api(`/v1/workflows/${id}/nodes/${nodeId}`, authed(key));
  expect(res.status).toBe(200);
  return res.json<NodeDetail>();
}

export async function waitForGate(key: string, id: string, gate: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await node(key, id, gate)).status === "waiting") return;
    if (Date.now() > deadline) throw new Error(`${gate} never opened`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const review = (key: string, id: string, gate: string, body: unknown) =>
  post(key, `/v1/workflows/${id}/reviews/${gate}`, body);
