/** The story form's values → the POST /v1/workflows body that starts the `manga` pipeline. */
import type { RunMode } from "../../../workers/protocol/workflows.ts";

export type StoryForm = {
  story: string;
  title: string;
  pages: number;
  /** `auto`: the pipeline decides from the story's language (rtl for Japanese). */
  readingDirection: "auto" | "rtl" | "ltr";
  styleNotes: string;
  mode: RunMode;
};

export function mangaRequest(form: StoryForm) {
  const title = form.title.trim();
  const styleNotes = form.styleNotes.trim();
  return {
    pipeline: "manga",
    input: {
      story: form.story.trim(),
      pages: form.pages,
      ...(title ? { title } : {}),
      ...(form.readingDirection === "auto" ? {} : { readingDirection: form.readingDirection }),
      ...(styleNotes ? { styleNotes } : {}),
    },
    options: { mode: form.mode },
    ...(title ? { title } : {}),
  };
}
