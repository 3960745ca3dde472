/**
 * API key format and hashing. Keys are 32 random bytes, so a single SHA-256 is enough to store
 * them safely (a slow password hash protects guessable secrets, which these are not) and lets
 * the auth check be one indexed lookup.
 */
// Explicit extension: scripts/ run this module directly in Node, which resolves no bare paths.
import { sha256Hex } from "../crypto/sha256.ts";

const KEY_PREFIX = "tsu_";
const VISIBLE_CHARS = 12;

export type NewApiKey = { key: string; prefix: string; keyHash: string };

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(key));
}

export async function generateApiKey(): Promise<NewApiKey> {
  const key = KEY_PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { key, prefix: key.slice(0, VISIBLE_CHARS), keyHash: await hashApiKey(key) };
}

/** Cheap shape check so obvious garbage never reaches the database. */
export function looksLikeApiKey(value: string): boolean {
  return /^tsu_[A-Za-z0-9_-]{43}$/.test(value);
}
