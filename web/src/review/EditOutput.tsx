/**
 * Edit the reviewed output: the current output and the step's output schema are loaded from the
 * node (GET …/nodes/:node; a phase with its own preview sends no output in the review message).
 * With a schema, a form built from it (schema-form/), checked with it before sending; without
 * one, or by choice, the JSON itself. The server checks every edit again and refuses a bad one
 * with the path of each problem.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { ReviewAction } from "../../../workers/protocol/live.ts";
import { nodeDetailSchema } from "../../../workers/protocol/workflows.ts";
import { apiFetch } from "../http/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";
import type { JsonSchema } from "./schema-form/json-schema.ts";
import { SchemaForm } from "./schema-form/SchemaForm.tsx";

type EditedOutput = Extract<ReviewAction, { action: "edit" }>["output"];

const editSchema = z.object({
  output: z.string().superRefine((text, ctx) => {
    try {
      JSON.parse(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: String(err instanceof Error ? err.message : err) });
    }
  }),
});

export function EditOutput({
  runId,
  node,
  version,
  idBase,
  onSave,
}: {
  runId: string;
  node: string;
  version: number;
  idBase: string;
  onSave: (output: EditedOutput) => void;
}) {
  const { t } = useI18n();
  const detail = useQuery({
    queryKey: ["node", runId, node, version],
    queryFn: () => apiFetch(`/v1/workflows/${runId}/nodes/${node}`, nodeDetailSchema),
  });
  const [asJson, setAsJson] = useState(false);
  const edit = useForm({ resolver: zodResolver(editSchema), defaultValues: { output: "" } });
  const loaded = detail.data ? JSON.stringify(detail.data.output, null, 2) : null;
  useEffect(() => {
    if (loaded !== null) edit.reset({ output: loaded });
  }, [loaded, edit]);
  if (!detail.data) return <QueryProblem query={detail} />;
  if (detail.data.outputRef !== null) return <p className="muted small">{t("review.editTooLarge")}</p>;
  const schema = detail.data.outputSchema as JsonSchema | null | undefined;
  const toggle = schema && (
    <button type="button" className="secondary small" onClick={() => setAsJson(!asJson)}>
      {asJson ? t("editor.asForm") : t("editor.asJson")}
    </button>
  );
  if (schema && !asJson)
    return (
      <>
        {toggle}
        <SchemaForm
          schema={schema}
          initial={detail.data.output}
          onSave={(output) => onSave(output ?? null)}
        />
      </>
    );
  return (
    <form onSubmit={edit.handleSubmit(({ output }) => onSave(JSON.parse(output)))} noValidate>
      {toggle}
      <label htmlFor={`${idBase}-edit`}>{t("review.editJson")}</label>
      <textarea
        id={`${idBase}-edit`}
        rows={12}
        spellCheck={false}
        aria-invalid={edit.formState.errors.output ? true : undefined}
        aria-describedby={`${idBase}-edit-problem`}
        {...edit.register("output")}
      />
      <p id={`${idBase}-edit-problem`} className="problem small">
        {edit.formState.errors.output
          ? t("review.editInvalid", { message: edit.formState.errors.output.message ?? "" })
          : ""}
      </p>
      <button type="submit" className="secondary">
        {t("review.saveEdit")}
      </button>
    </form>
  );
}
