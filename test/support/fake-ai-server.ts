/**
 * A local stand-in for a model server, used by the engine tests and `npm run bench:engine`.
 * It runs in Node (outside workerd) and answers POST /ai after `latency` ms. Behaviour is set
 * per request from the query string the pipeline passes through:
 *   latency=MS                    delay before answering
 *   fail=NODE:ATTEMPT:STATUS[:RETRY_AFTER_S],…   answer that attempt of that node with an error
 *   failcalls=NODE:COUNT:STATUS,… answer the first COUNT calls for that node with an error
 *   hang=NODE:ATTEMPT,…           never answer that attempt (until the caller gives up)
 *   garbage=NODE:ATTEMPT,…        answer 200 with a body that is not JSON (the step code throws)
 *   reset=NODE:ATTEMPT,…          drop the connection without an answer (the fetch throws)
 *   size=BYTES                    pad the answer to at least this many bytes
 * Reviewer feedback in the request body is echoed in the answer, so revisions are visible.
 * It records every call (run, node, attempt, time) and the peak number of calls in flight.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type CallRecord = { node: string; attempt: number; at: number };

export type FakeAiServer = {
  url: string;
  close(): Promise<void>;
  calls(run: string): CallRecord[];
  maxInflight(run?: string): number;
  totalCalls(): number;
  resetPeak(): void;
};

function rules(param: string | null): string[][] {
  return (param ?? "")
    .split(",")
    .filter(Boolean)
    .map((rule) => rule.split(":"));
}

export async function startFakeAiServer(port = 0): Promise<FakeAiServer> {
  const calls = new Map<string, CallRecord[]>();
  /** Calls so far per run and node, for `failcalls` (a scan of `calls` would be O(n) per call). */
  const perNode = new Map<string, number>();
  const inflight = new Map<string, number>();
  const peak = new Map<string, number>();
  let globalInflight = 0;
  let globalPeak = 0;
  let total = 0;

  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/calls") {
      const run = url.searchParams.get("run") ?? "";
      return json(res, 200, { calls: calls.get(run) ?? [], maxInflight: peak.get(run) ?? 0 });
    }
    if (url.pathname !== "/ai") return json(res, 404, { error: "not found" });
    let raw = "";
    for await (const chunk of req) raw += String(chunk);
    const feedback = (() => {
      try {
        return (JSON.parse(raw) as { feedback?: string | null }).feedback ?? null;
      } catch {
        return null;
      }
    })();
    const run = url.searchParams.get("run") ?? "";
    const node = url.searchParams.get("node") ?? "";
    const attempt = Number(url.searchParams.get("attempt") ?? "1");
    total++;
    const list = calls.get(run) ?? [];
    list.push({ node, attempt, at: Date.now() });
    calls.set(run, list);
    const now = (inflight.get(run) ?? 0) + 1;
    inflight.set(run, now);
    peak.set(run, Math.max(peak.get(run) ?? 0, now));
    globalPeak = Math.max(globalPeak, ++globalInflight);
    const done = () => {
      inflight.set(run, (inflight.get(run) ?? 1) - 1);
      globalInflight--;
    };
    const matches = (rule: string[]) => rule[0] === node && Number(rule[1]) === attempt;
    if (rules(url.searchParams.get("reset")).some(matches)) {
      done();
      req.socket.destroy();
      return;
    }
    if (rules(url.searchParams.get("hang")).some(matches)) {
      res.on("close", done);
      return; // never answer
    }
    const latency = Number(url.searchParams.get("latency") ?? "0");
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    done();
    const nodeKey = `${run}\u0000${node}`;
    const callsForNode = (perNode.get(nodeKey) ?? 0) + 1;
    perNode.set(nodeKey, callsForNode);
    const failure =
      rules(url.searchParams.get("fail")).find(matches) ??
      rules(url.searchParams.get("failcalls"))
        .filter((rule) => rule[0] === node && callsForNode <= Number(rule[1]))
        .map((rule) => [rule[0]!, rule[1]!, rule[2]!])[0];
    if (failure) {
      const headers: Record<string, string> = failure[3] ? { "Retry-After": failure[3] } : {};
      return json(res, Number(failure[2]), { error: "injected failure" }, headers);
    }
    if (rules(url.searchParams.get("garbage")).some(matches)) {
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end("<html>not json</html>");
    }
    const size = Number(url.searchParams.get("size") ?? "0");
    const text = `answer for ${node} (attempt ${attempt})${feedback ? ` [feedback: ${feedback}]` : ""}`;
    json(res, 200, { text: size > text.length ? text + " ".repeat(size - text.length) + "." : text });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/ai`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    calls: (run) => calls.get(run) ?? [],
    maxInflight: (run) => (run === undefined ? globalPeak : (peak.get(run) ?? 0)),
    totalCalls: () => total,
    resetPeak: () => {
      globalPeak = globalInflight;
    },
  };
}
