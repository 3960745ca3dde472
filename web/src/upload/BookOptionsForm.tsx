/** The run's options (react-hook-form + zod, limits from the protocol) and the start button. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { createdUploadSchema } from "../../../workers/protocol/uploads.ts";
import { createdWorkflowSchema, RUN_MODES, runOptionsSchema } from "../../../workers/protocol/workflows.ts";
import { apiFetch } from "../http/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { ModeFieldset } from "../shell/ModeFieldset.tsx";
import { StartRunActions } from "../shell/StartRunActions.tsx";

const optionsSchema = z.object({
  title: z.string().trim().max(200),
  concurrency: runOptionsSchema.shape.concurrency.unwrap(),
  mode: z.enum(RUN_MODES),
  /** A review gate after each chapter's metadata (the book input's `review: "chapters"`). */
  reviewChapters: z.boolean(),
});
type Options = z.infer<typeof optionsSchema>;

export function BookOptionsForm({
  upload,
  onStarted,
}: {
  upload: z.infer<typeof createdUploadSchema>;
  onStarted: (id: string) => void;
}) {
  const { t } = useI18n();
  const form = useForm<Options>({
    resolver: zodResolver(optionsSchema),
    defaultValues: { title: upload.book.title, concurrency: 30, mode: "auto", reviewChapters: false },
  });
  const start = useMutation({
    mutationFn: (options: Options) =>
      apiFetch("/v1/workflows", createdWorkflowSchema, {
        method: "POST",
        body: JSON.stringify({
          pipeline: "book",
          input: { upload: upload.id, ...(options.reviewChapters ? { review: "chapters" } : {}) },
          options: { concurrency: options.concurrency, mode: options.mode },
          ...(options.title ? { title: options.title } : {}),
        }),
      }),
    onSuccess: (run) => onStarted(run.id),
  });
  const errors = form.formState.errors;
  return (
    <form className="card" onSubmit={form.handleSubmit((options) => start.mutate(options))} noValidate>
      <h2>{t("new.options")}</h2>
      <div className="field">
        <label htmlFor="run-title">{t("new.runTitle")}</label>
        <input id="run-title" {...form.register("title")} />
      </div>
      <div className="field">
        <label htmlFor="run-concurrency">{t("new.concurrency")}</label>
        <input
          id="run-concurrency"
          type="number"
          min={1}
          max={500}
          aria-invalid={errors.concurrency ? true : undefined}
          aria-describedby="run-concurrency-problem"
          {...form.register("concurrency", { valueAsNumber: true })}
        />
        <p id="run-concurrency-problem" className="problem small">
          {errors.concurrency?.message}
        </p>
      </div>
      <ModeFieldset field={form.register("mode")} note={t("new.modeBookNote")}>
        <label className="choice">
          <input type="checkbox" aria-describedby="mode-note" {...form.register("reviewChapters")} />{" "}
          {t("new.reviewChapters")}
        </label>
      </ModeFieldset>
      <StartRunActions pending={start.isPending} error={start.error} />
    </form>
  );
}
