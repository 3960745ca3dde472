/**
 * Uploaded sources in R2, one object per upload under the tenant's prefix, so an upload id alone
 * never reaches another tenant's file. Uploads are validated before they are stored (see
 * routes/uploads.ts): what is here is always a readable book.
 */
/** `title`: the book's title as read at upload, so a run can be named without reading it again. */
export type UploadMeta = { name: string; sha256: string; kind: "file" | "zip"; title?: string };

const UPLOAD_ID = /^up_[0-9a-f]{32}$/;

export function newUploadId(): string {
  return `up_${crypto.randomUUID().replace(/-/g, "")}`;
}

export function isUploadId(id: string): boolean {
  return UPLOAD_ID.test(id);
}

export function uploadKey(tenantId: string, uploadId: string): string {
  if (!isUploadId(uploadId)) throw new Error(`"${uploadId}" is not an upload id`);
  return `uploads/${tenantId}/${uploadId}`;
}

export async function putUpload(
  bucket: R2Bucket,
  tenantId: string,
  id: string,
  bytes: Uint8Array,
  meta: UploadMeta,
): Promise<void> {
  await bucket.put(uploadKey(tenantId, id), bytes, { customMetadata: meta });
}

export async function getUpload(
  bucket: R2Bucket,
  tenantId: string,
  id: string,
): Promise<{ bytes: Uint8Array; meta: UploadMeta } | null> {
  if (!isUploadId(id)) return null;
  const object = await bucket.get(uploadKey(tenantId, id));
  if (!object) return null;
  const meta = object.customMetadata as UploadMeta | undefined;
  return {
    bytes: new Uint8Array(await object.arrayBuffer()),
    meta: {
      name: meta?.name ?? "book.md",
      sha256: meta?.sha256 ?? "",
      kind: meta?.kind === "zip" ? "zip" : "file",
    },
  };
}
