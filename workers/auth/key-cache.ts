/**
 * Recently verified API keys, per isolate, so a busy client does not pay a D1 lookup on every
 * request (about 1 ms locally, more across regions). Entries live 30 s: a key revoked (or its
 * member's role changed) in another isolate takes effect there within that time; in this isolate
 * revocation is immediate (`forgetKeyId`). Only hashes are held, never keys.
 */
import type { Role } from "./roles";

export const KEY_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

export type CachedKey = {
  apiKeyId: string;
  tenantId: string;
  role: Role;
  scopes: readonly string[] | null;
  userId: string | null;
  actorName: string;
  expiresAt: number;
  lastUsedWrittenAt: number;
};

const entries = new Map<string, CachedKey>();

export function cachedKey(keyHash: string, now: number): CachedKey | undefined {
  const entry = entries.get(keyHash);
  if (!entry) return undefined;
  if (entry.expiresAt <= now) {
    entries.delete(keyHash);
    return undefined;
  }
  return entry;
}

export function rememberKey(keyHash: string, entry: Omit<CachedKey, "expiresAt">, now: number): CachedKey {
  // Oldest first out: Map iteration order is insertion order.
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  const cached = { ...entry, expiresAt: now + KEY_CACHE_TTL_MS };
  entries.set(keyHash, cached);
  return cached;
}

export function forgetKeyId(apiKeyId: string): void {
  for (const [hash, entry] of entries) if (entry.apiKeyId === apiKeyId) entries.delete(hash);
}

/** A member's role changed or they left: their keys must be looked up again. */
export function forgetTeam(tenantId: string): void {
  for (const [hash, entry] of entries) if (entry.tenantId === tenantId) entries.delete(hash);
}
