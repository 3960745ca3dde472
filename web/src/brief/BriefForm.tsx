/**
 * A brief for a page or a program: the kind, the brief, an optional title and knowledge-base
 * documents, and the review mode, checked with the pipelines' own input schema (workers/protocol
 * brief.ts) before anything is sent. A start the server refuses shows its reasons at the fields
 * they are about.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { BRIEF_PIPELINES, briefInputSchema, knowledgeDocsSchema } from "../../../workers/protocol/brief.ts";
import { createdWorkflowSchema, RUN_MODES } from "../../../workers/protocol/workflows.ts";
import { ApiFailure, apiFetch } from "../http/client.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { ModeFieldset } from "../shell/ModeFieldset.tsx";
import {
  briefRequest,
  issuesByField,
  knowledgeIds,
  type BriefField,
  type BriefForm as Values,
} from "./brief-request.ts";
import { StartRunActions } from "../shell/StartRunActions.tsx";

const formSchema = z.object({
  kind: z.enum(BRIEF_PIPELINES),
  brief: briefInputSchema.shape.brief,
  title: z.string().trim().max(200),
  knowledgeDocs: z.string().refine((text) => knowledgeDocsSchema.safeParse(knowledgeIds(text)).success),
  mode: z.enum(RUN_MODES),
}) satisfies z.ZodType<Values>;

/** Each field's own sentence in the chosen language (the schema's messages are English only). */
const FIELD_PROBLEMS: Record<BriefField, MessageKey> = {
  brief: "brief.briefInvalid",
  title: "brief.titleInvalid",
  knowledgeDocs: "brief.knowledgeInvalid",
};

export function BriefForm({ onStarted }: { onStarted: (id: string) => void }) {
  const { t } = useI18n();
  const form = useForm<Values>({
    resolver: zodResolver(formSchema),
    defaultValues: { kind: "page", brief: "", title: "", knowledgeDocs: "", mode: "dialog" },
  });
  const start = useMutation({
    mutationFn: (values: Values) =>
      apiFetch("/v1/workflows", createdWorkflowSchema, {
        method: "POST",
        body: JSON.stringify(briefRequest(values)),
      }),
    onSuccess: (run) => onStarted(run.id),
    onError: (err) => {
      if (!(err instanceof ApiFailure)) return;
      for (const [field, message] of issuesByField(err.details).fields)
        form.setError(field, { type: "server", message });
    },
  });
  const errors = form.formState.errors;
  // The server's own words for a field it refused; ours for what the form checked first.
  const problem = (field: BriefField) => {
    const error = errors[field];
    return (
      <p id={`brief-${field}-problem`} className="problem small" role={error ? "alert" : undefined}>
        {error ? (error.type === "server" ? error.message : t(FIELD_PROBLEMS[field])) : ""}
      </p>
    );
  };
  const invalid = (field: BriefField) => (errors[field] ? true : undefined);
  return (
    <form className="card" onSubmit={form.handleSubmit((values) => start.mutate(values))} noValidate>
      <fieldset>
        <legend>{t("brief.kind")}</legend>
        {BRIEF_PIPELINES.map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" value={kind} {...form.register("kind")} /> {t(`brief.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="brief-brief">{t("brief.brief")}</label>
        <textarea
          id="brief-brief"
          rows={10}
          aria-invalid={invalid("brief")}
          aria-describedby="brief-brief-hint brief-brief-problem"
          {...form.register("brief")}
        />
        <p id="brief-brief-hint" className="muted small">
          {t("brief.briefHint")}
        </p>
        {problem("brief")}
      </div>
      <div className="field">
        <label htmlFor="brief-title">{t("new.runTitle")}</label>
        <input
          id="brief-title"
          aria-invalid={invalid("title")}
          aria-describedby="brief-title-problem"
          {...form.register("title")}
        />
        {problem("title")}
      </div>
      <div className="field">
        <label htmlFor="brief-knowledgeDocs">{t("brief.knowledge")}</label>
        <input
          id="brief-knowledgeDocs"
          aria-invalid={invalid("knowledgeDocs")}
          aria-describedby="brief-knowledgeDocs-hint brief-knowledgeDocs-problem"
          {...form.register("knowledgeDocs")}
        />
        <p id="brief-knowledgeDocs-hint" className="muted small">
          {t("brief.knowledgeHint")}
        </p>
        {problem("knowledgeDocs")}
      </div>
      <ModeFieldset field={form.register("mode")} />
      <StartRunActions pending={start.isPending} error={start.error} />
    </form>
  );
}
