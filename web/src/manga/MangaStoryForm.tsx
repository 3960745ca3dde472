/**
 * A story for a manga: the text, pages, reading direction, style notes and the review mode, checked
 * against the pipeline's input limits (workers/protocol MANGA_INPUT_LIMITS) before anything is sent;
 * the server checks them again with the pipeline's own schema.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { MANGA_INPUT_LIMITS as LIMITS } from "../../../workers/protocol/manga.ts";
import { createdWorkflowSchema, RUN_MODES } from "../../../workers/protocol/workflows.ts";
import { apiFetch } from "../http/client.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { ModeFieldset } from "../shell/ModeFieldset.tsx";
import { mangaRequest, type StoryForm } from "./manga-request.ts";
import { StartRunActions } from "../shell/StartRunActions.tsx";

const storyBytes = (text: string) => new TextEncoder().encode(text).byteLength;

const formSchema = z.object({
  story: z
    .string()
    .trim()
    .min(LIMITS.minStoryChars)
    .refine((s) => storyBytes(s) <= LIMITS.maxStoryBytes),
  title: z.string().trim().max(200),
  pages: z.number().int().min(1).max(LIMITS.maxPages),
  readingDirection: z.enum(["auto", "rtl", "ltr"]),
  styleNotes: z.string().trim().max(LIMITS.maxStyleNotesChars),
  mode: z.enum(RUN_MODES),
}) satisfies z.ZodType<StoryForm>;

export function MangaStoryForm({ onStarted }: { onStarted: (id: string) => void }) {
  const { t } = useI18n();
  const form = useForm<StoryForm>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      story: "",
      title: "",
      pages: LIMITS.defaultPages,
      readingDirection: "auto",
      styleNotes: "",
      mode: "dialog",
    },
  });
  const start = useMutation({
    mutationFn: (values: StoryForm) =>
      apiFetch("/v1/workflows", createdWorkflowSchema, {
        method: "POST",
        body: JSON.stringify(mangaRequest(values)),
      }),
    onSuccess: (run) => onStarted(run.id),
  });
  const errors = form.formState.errors;
  // Each field's own sentence in the chosen language (the schema's messages are English only).
  const problem = (id: string, invalid: boolean, key: MessageKey) => (
    <p id={id} className="problem small">
      {invalid ? t(key, { max: LIMITS.maxPages }) : ""}
    </p>
  );
  return (
    <form className="card" onSubmit={form.handleSubmit((values) => start.mutate(values))} noValidate>
      <div className="field">
        <label htmlFor="manga-story">{t("manga.story")}</label>
        <textarea
          id="manga-story"
          rows={12}
          aria-invalid={errors.story ? true : undefined}
          aria-describedby="manga-story-hint manga-story-problem"
          {...form.register("story")}
        />
        <p id="manga-story-hint" className="muted small">
          {t("manga.storyHint")}
        </p>
        {problem("manga-story-problem", !!errors.story, "manga.storyInvalid")}
      </div>
      <div className="field">
        <label htmlFor="manga-title">{t("new.runTitle")}</label>
        <input id="manga-title" {...form.register("title")} />
      </div>
      <div className="field">
        <label htmlFor="manga-pages">{t("manga.pages")}</label>
        <input
          id="manga-pages"
          type="number"
          min={1}
          max={LIMITS.maxPages}
          aria-invalid={errors.pages ? true : undefined}
          aria-describedby="manga-pages-problem"
          {...form.register("pages", { valueAsNumber: true })}
        />
        {problem("manga-pages-problem", !!errors.pages, "manga.pagesInvalid")}
      </div>
      <fieldset>
        <legend>{t("manga.direction")}</legend>
        {(["auto", "rtl", "ltr"] as const).map((d) => (
          <label key={d} className="choice">
            <input type="radio" value={d} {...form.register("readingDirection")} />{" "}
            {t(`manga.direction.${d}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="manga-style">{t("manga.styleNotes")}</label>
        <textarea
          id="manga-style"
          rows={2}
          aria-invalid={errors.styleNotes ? true : undefined}
          aria-describedby="manga-style-problem"
          {...form.register("styleNotes")}
        />
        {problem("manga-style-problem", !!errors.styleNotes, "manga.styleInvalid")}
      </div>
      <ModeFieldset field={form.register("mode")} />
      <StartRunActions pending={start.isPending} error={start.error} />
    </form>
  );
}
