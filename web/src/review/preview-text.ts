/** A review preview as text: strings as they are, anything else as indented JSON. */
export function previewText(preview: unknown): string {
  return typeof preview === "string" ? preview : JSON.stringify(preview, null, 2);
}
