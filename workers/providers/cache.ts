/**
 * Exact-match response cache in D1. The key is a SHA-256 over everything that decides the answer
 * (provider, model, system, messages, parameters, schema), so any difference is a miss. A hit
 * returns the stored completion without calling the provider and is counted (`hits`).
 */
import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { gatewayCache } from "../db/schema";
import type { TextCompletion } from "./types";

export const DEFAULT_CACHE_TTL_MS = 24 * 60 * 60 * 1000;

const storedSchema = z.object({
  text: z.string(),
  model: z.string(),
  tokensIn: z.number(),
  tokensOut: z.number(),
});

export async function cacheKey(parts: Record<string, unknown>): Promise<string> {
  // Keys sorted so the same request always hashes the same, whatever the property order.
  const canonical = JSON.stringify(parts, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function readCache(db: Db, key: string, now = Date.now()): Promise<TextCompletion | undefined> {
  const row = await db
    .update(gatewayCache)
    .set({ hits: sql`${gatewayCache.hits} + 1` })
    .where(and(eq(gatewayCache.key, key), gt(gatewayCache.expiresAt, now)))
    .returning({ body: gatewayCache.body })
    .get();
  if (!row) return undefined;
  const parsed = storedSchema.safeParse(JSON.parse(row.body));
  // A row from an older format is a miss, not an error: the fresh answer overwrites it.
  return parsed.success ? parsed.data : undefined;
}

export async function writeCache(
  db: Db,
  entry: { key: string; provider: string; completion: TextCompletion; ttlMs: number },
  now = Date.now(),
): Promise<void> {
  const body = JSON.stringify(entry.completion);
  await db
    .insert(gatewayCache)
    .values({
      key: entry.key,
      provider: entry.provider,
      model: entry.completion.model,
      body,
      expiresAt: now + entry.ttlMs,
    })
    .onConflictDoUpdate({ target: gatewayCache.key, set: { body, expiresAt: now + entry.ttlMs, hits: 0 } });
}
