/**
 * The app's one way to call the API: the key from auth/api-key.ts as a Bearer token, answers
 * parsed with the protocol's zod schemas (workers/protocol), errors turned into `ApiFailure`
 * carrying the API's `{ error: { code, message, details } }`.
 */
import type { z } from "zod";
import { errorBodySchema } from "../../../workers/protocol/errors.ts";
import { currentKey, sessionEnded } from "../auth/api-key.ts";

export class ApiFailure extends Error {
  override readonly name = "ApiFailure";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

/** Reads an error answer into an ApiFailure (the API's message when it sent one). */
export async function failureOf(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => undefined);
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success
    ? new ApiFailure(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details)
    : new ApiFailure(res.status, "http_error", `HTTP ${res.status}`);
}

/** fetch with the key; the raw Response (for files and downloads). Throws ApiFailure when not ok. */
export async function apiRaw(path: string, init: RequestInit = {}, key = currentKey()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set("Authorization", `Bearer ${key}`);
  if (typeof init.body === "string") headers.set("Content-Type", "application/json");
  const res = await fetch(path, { ...init, headers });
  // Without a key the cookie spoke: a 401 means the session is over (auth/api-key.ts).
  if (res.status === 401 && !key) sessionEnded();
  if (!res.ok) throw await failureOf(res);
  return res;
}

export async function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit = {},
  key?: string | null,
): Promise<z.output<S>> {
  const res = await apiRaw(path, init, key === undefined ? currentKey() : key);
  return schema.parse(await res.json());
}
