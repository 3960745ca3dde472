/**
 * Faults a local server can be told to inject, so the fault suite can cause against `wrangler dev`
 * what the platform does on its own only rarely: `FAULT_INJECTION` is a comma-separated list of
 * the names below (`--var FAULT_INJECTION:duplicate-steps,reset-route`). Empty in wrangler.toml;
 * `npm run deploy:check` refuses a production build that sets it.
 * - `duplicate-steps`: every step message is sent twice (queues deliver at least once), and
 *   consumers take no hand-outs, so every step goes through the queue;
 * - `reset-route`: `POST /v1/workflows/:id/faults/reset` resets the run's Durable Object (its
 *   memory is dropped, its storage kept), as when Cloudflare moves or restarts an object.
 */
export type Fault = "duplicate-steps" | "reset-route";

export function faultEnabled(env: { FAULT_INJECTION?: string }, fault: Fault): boolean {
  return (env.FAULT_INJECTION ?? "")
    .split(",")
    .map((name) => name.trim())
    .includes(fault);
}
