/**
 * Opening a run's live streams from Node scripts (faults, load, demo) the way a browser does:
 * buy a single-use ticket with the key (`POST /v1/workflows/:id/tickets`), then connect with
 * `?ticket=`. The key itself never goes in a URL. Each (re)connection needs a fresh ticket.
 *
 * @example
 * const ws = await openRunSocket(server.base, server.key, runId, { since: lastSeq });
 * ws.addEventListener("message", (e) => console.log(JSON.parse(String(e.data))));
 */

/** A fresh ticket for one live connection to `runId`. */
export async function liveTicket(base: string, key: string, runId: string): Promise<string> {
  const res = await fetch(new URL(`/v1/workflows/${runId}/tickets`, base), {
    method: "POST",
    headers: { Authorization: `Bearer ${key}` },
  });
  if (res.status !== 201) throw new Error(`ticket for ${runId}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { ticket?: unknown };
  if (typeof body.ticket !== "string") throw new Error(`ticket for ${runId}: no ticket in the answer`);
  return body.ticket;
}

/** The URL of a run's WebSocket or SSE stream, with a fresh ticket (and `since` if given). */
export async function liveUrl(
  base: string,
  key: string,
  runId: string,
  kind: "ws" | "events",
  options: { since?: number } = {},
): Promise<URL> {
  const url = new URL(`/v1/workflows/${runId}/${kind}`, base);
  if (kind === "ws") url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("ticket", await liveTicket(base, key, runId));
  if (options.since !== undefined) url.searchParams.set("since", String(options.since));
  return url;
}

/** Opens a run's WebSocket (Node 22's global WebSocket) and resolves once it is open. */
export async function openRunSocket(
  base: string,
  key: string,
  runId: string,
  options: { since?: number } = {},
): Promise<WebSocket> {
  const ws = new WebSocket(String(await liveUrl(base, key, runId, "ws", options)));
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve(), { once: true });
    ws.addEventListener("error", () => reject(new Error(`WebSocket to ${runId} failed to open`)), {
      once: true,
    });
  });
  return ws;
}
