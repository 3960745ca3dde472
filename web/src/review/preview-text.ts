import type { ReviewView } from "../../../workers/protocol/live.ts";

/** A review preview as text: strings as they are, anything else as indented JSON. */
export function previewText(preview: unknown): string {
  return typeof preview === "string" ? preview : JSON.stringify(preview, null, 2);
}

/** A phase's preview as plain text, for the line diff between two versions. */
export function viewText(view: ReviewView): string {
  return [view.title, ...view.sections.flatMap((s) => [`## ${s.heading}`, ...s.lines])].join("\n");
}
