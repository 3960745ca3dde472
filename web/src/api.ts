/**
 * The browser's API client: the key lives in sessionStorage (this tab only). Answers are parsed
 * with the protocol's schemas (workers/protocol), never cast.
 */
import type { z } from "zod";
import { errorBodySchema } from "../../workers/protocol/errors.ts";

const KEY_STORAGE = "tsumugi.apiKey";

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function setApiKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export class ApiFailure extends Error {
  override readonly name = "ApiFailure";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit = {},
): Promise<z.output<S>> {
  const headers = new Headers(init.headers);
  const key = apiKey();
  if (key) headers.set("Authorization", `Bearer ${key}`);
  if (init.body) headers.set("Content-Type", "application/json");
  const res = await fetch(path, { ...init, headers });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const failure = errorBodySchema.safeParse(body);
    throw new ApiFailure(
      res.status,
      failure.success ? failure.data.error.code : "http_error",
      failure.success ? failure.data.error.message : `HTTP ${res.status}`,
    );
  }
  return schema.parse(body);
}
