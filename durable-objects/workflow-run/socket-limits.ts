/**
 * The size limit of socket messages: the same `MAX_JSON_BODY_BYTES` as HTTP bodies, checked
 * before a message is parsed, so a huge message costs one length check and gets an `error`
 * reply instead of reaching SQLite (whose rows top out near 2 GB but whose statements and this
 * isolate's memory do not).
 */
const DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024;

export function maxMessageBytes(env: { MAX_JSON_BODY_BYTES?: string }): number {
  return Number(env.MAX_JSON_BODY_BYTES) || DEFAULT_MAX_JSON_BODY_BYTES;
}

/** True when the message is over `maxBytes` of UTF-8 (without encoding it when avoidable). */
export function isTooLarge(raw: string | ArrayBuffer | ArrayBufferView, maxBytes: number): boolean {
  if (typeof raw !== "string") return raw.byteLength > maxBytes;
  // UTF-8 takes at least one byte per UTF-16 unit and at most three.
  if (raw.length > maxBytes) return true;
  if (raw.length * 3 <= maxBytes) return false;
  return new TextEncoder().encode(raw).byteLength > maxBytes;
}

export function tooLargeError(maxBytes: number) {
  return {
    code: "payload_too_large",
    message: "Message is too large",
    details: { max_bytes: maxBytes },
  };
}
