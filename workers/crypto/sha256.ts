/**
 * Hex SHA-256 of bytes or text: content addresses (figures, uploads, artifacts) and API key
 * hashes. Web Crypto only, so it runs in workerd and in Node scripts alike.
 */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
