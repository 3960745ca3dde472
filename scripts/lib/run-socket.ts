/**
 * Opening a run's live WebSocket from Node (22 has a browser-style global WebSocket). The one
 * place that knows how a socket authenticates, so scripts and tests follow when it changes:
 * today the key travels as `?access_token=` (what the browser app does); a short-lived ticket
 * from an authenticated POST, or the Sec-WebSocket-Protocol header, replaces it.
 */
export async function openRunSocket(
  base: string,
  runId: string,
  key: string,
  options: { since?: number } = {},
): Promise<WebSocket> {
  const url = new URL(`/v1/workflows/${runId}/ws`, base.replace(/^http/, "ws"));
  url.searchParams.set("access_token", key);
  if (options.since !== undefined) url.searchParams.set("since", String(options.since));
  const socket = new WebSocket(url.toString());
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error(`WebSocket to run ${runId} failed`)), {
      once: true,
    });
  });
  return socket;
}
