/**
 * Alerts that notify, end to end on `wrangler dev --test-scheduled`: the Cron Trigger (run by
 * GET /__scheduled) evaluates the rules; the slow-requests rule, with its threshold at 0 ms,
 * fires once — one Slack-style message to a local webhook receiver, one in-app notification —
 * and stays quiet on the next run while still firing. Restarted on the same state with the
 * threshold at 10 minutes, it resolves once and then stays quiet.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { after, before, test } from "node:test";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { notificationPageSchema } from "../../workers/protocol/audit.ts";

const PORT = Number(process.env.ALERTS_TEST_PORT ?? 8714);
const HOOK_PORT = PORT + 2;
const hookUrl = `http://127.0.0.1:${HOOK_PORT}/hook`;

type Hook = { text: string; attachments: { color: string }[] };
const received: Hook[] = [];
let hook: Server;
let server: DevServer | undefined;

function start(thresholdMs: string, reuse?: { state: string; key: string }): Promise<DevServer> {
  return startDevServer({
    port: PORT,
    inspectorPort: String(PORT + 5),
    testScheduled: true,
    vars: { ALERT_P95_LATENCY_MS: thresholdMs, ALERT_WEBHOOK_URL: hookUrl },
    ...(reuse ? { reuse } : {}),
  });
}

async function runCron(dev: DevServer): Promise<void> {
  const res = await fetch(`${dev.base}/__scheduled?cron=*/15+*+*+*+*`);
  assert.equal(res.status, 200, await res.text());
}

/** Waits for the webhook to have received `count` messages, then a moment for stragglers. */
async function hooks(count: number): Promise<Hook[]> {
  const deadline = Date.now() + 20_000;
  while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1_500));
  return [...received];
}

async function notifications(dev: DevServer) {
  const res = await dev.api("/v1/notifications");
  assert.equal(res.status, 200);
  return notificationPageSchema.parse(await res.json()).notifications;
}

before(async () => {
  hook = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.url === "/hook") received.push(JSON.parse(body) as Hook);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => hook.listen(HOOK_PORT, "127.0.0.1", resolve));
});

after(async () => {
  await server?.stop();
  await new Promise((resolve) => hook.close(resolve));
});

test("an alert fires once while it stays firing, and resolves once", async () => {
  server = await start("0");
  // Requests of the key's tenant: their p95 is above a 0 ms threshold.
  for (let i = 0; i < 5; i++) assert.equal((await server.api("/v1/workflows")).status, 200);
  await new Promise((r) => setTimeout(r, 1_500)); // the metrics flush after the responses

  await runCron(server);
  const fired = await hooks(1);
  assert.equal(fired.length, 1, JSON.stringify(fired));
  assert.match(fired[0]!.text, /^\[FIRING\] slow-requests: /);
  assert.equal(fired[0]!.attachments[0]?.color, "danger");
  const inApp = await notifications(server);
  assert.deepEqual(
    inApp.map((n) => n.kind),
    ["alert.fired"],
  );
  assert.equal(inApp[0]!.data?.rule, "slow-requests");

  await runCron(server); // still firing: nothing new
  assert.equal((await hooks(2)).length, 1);
  assert.equal((await notifications(server)).length, 1);

  // Same state, a threshold nothing reaches: the rule resolves, once.
  const { state, key } = server;
  await server.kill();
  server = await start("600000", { state, key });
  await runCron(server);
  const resolved = await hooks(2);
  assert.equal(resolved.length, 2);
  assert.match(resolved[1]!.text, /^\[RESOLVED\] slow-requests: /);
  await runCron(server);
  assert.equal((await hooks(3)).length, 2);
  assert.deepEqual(
    (await notifications(server)).map((n) => n.kind),
    ["alert.resolved", "alert.fired"],
  );
});
