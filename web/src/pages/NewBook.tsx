/**
 * New book: drop (or choose) a zip or Markdown files → upload → the table of contents, counts and
 * warnings the server read from it → options → start the run.
 */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { createdUploadSchema } from "../../../workers/protocol/uploads.ts";
import { apiFetch } from "../http/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { PageTitle } from "../shell/PageTitle.tsx";
import { bookFileFrom } from "../upload/book-file.ts";
import { BookOptionsForm } from "../upload/BookOptionsForm.tsx";
import { BookSummary } from "../upload/BookSummary.tsx";
import { DropZone } from "../upload/DropZone.tsx";

export function NewBook() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.set("file", file, file.name);
      return apiFetch("/v1/uploads", createdUploadSchema, { method: "POST", body: form });
    },
  });
  const choose = async (files: File[]) => {
    setProblem(null);
    upload.reset();
    const choice = await bookFileFrom(files);
    if (!choice.ok) setProblem(t(`new.reason.${choice.reason}`));
    else upload.mutate(choice.file);
  };
  return (
    <>
      <PageTitle text={t("new.title")} />
      <DropZone onFiles={(files) => void choose(files)} disabled={upload.isPending} />
      <p role="status" className="muted">
        {upload.isPending ? t("new.uploading") : ""}
      </p>
      <p role="alert" className="problem">
        {problem ?? (upload.error ? t("new.uploadFailed", { message: upload.error.message }) : "")}
      </p>
      {upload.data && (
        <>
          <BookSummary upload={upload.data} />
          <BookOptionsForm upload={upload.data} onStarted={(id) => void navigate(`/runs/${id}`)} />
        </>
      )}
    </>
  );
}
