/**
 * The "AI call" of the synthetic pipelines (fanout, phases): an HTTP request to a local server
 * that answers like a model would, after its own delay. Tests and benchmarks count these calls
 * to prove that no step runs twice. Only loopback URLs are accepted: these pipelines must never
 * become a way to make the Worker fetch arbitrary addresses.
 */
import { z } from "zod";
import { FatalStepError, RetryableStepError } from "../engine/types";
import type { TypedStepContext } from "./define-step";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export const loopbackUrlSchema = z
  .string()
  .url()
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
  }, "must be an http:// URL on localhost / 127.0.0.1");

const responseSchema = z.object({ text: z.string() });

export async function callSyntheticAi(
  ctx: TypedStepContext<unknown>,
  aiUrl: string | undefined,
  prompt: string,
): Promise<string> {
  if (!aiUrl) return `[synthetic] ${prompt}`;
  const url = new URL(aiUrl);
  url.searchParams.set("run", ctx.run.id);
  url.searchParams.set("node", ctx.node.id);
  url.searchParams.set("attempt", String(ctx.node.attempt));
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ prompt, feedback: ctx.node.feedback ?? null }),
      signal: ctx.signal,
    });
  } catch (err) {
    // Transport failures (refused, reset, aborted at the lease deadline) are worth another try.
    throw new RetryableStepError(`AI server unreachable: ${String(err)}`, undefined, { cause: err });
  }
  if (res.status === 429 || res.status >= 500) {
    const retryAfter = Number(res.headers.get("Retry-After"));
    throw new RetryableStepError(
      `AI server answered ${res.status}`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  }
  if (!res.ok) throw new FatalStepError(`AI server answered ${res.status}`);
  // A 200 whose body is not the answer (a proxy's error page, a cut body) is the transport's
  // fault, not the step's: worth another attempt like a 5xx.
  const body: unknown = await res.json().catch((err: unknown) => {
    throw new RetryableStepError(`AI server answered something that is not JSON: ${String(err)}`, undefined, {
      cause: err,
    });
  });
  return responseSchema.parse(body).text;
}
