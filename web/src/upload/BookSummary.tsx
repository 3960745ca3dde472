/** What the server read from an upload: title, counts, the table of contents, its warnings. */
import type { z } from "zod";
import type { createdUploadSchema } from "../../../workers/protocol/uploads.ts";
import { useI18n } from "../i18n/i18n.tsx";

type Upload = z.infer<typeof createdUploadSchema>;

/** A warning as one line: the split's warnings are `{ code, message, path }` objects. */
export function warningText(warning: unknown): string {
  if (warning && typeof warning === "object" && "message" in warning) {
    const code = "code" in warning ? `${String(warning.code)}: ` : "";
    return `${code}${String(warning.message)}`;
  }
  return typeof warning === "string" ? warning : JSON.stringify(warning);
}

export function BookSummary({ upload }: { upload: Upload }) {
  const { t } = useI18n();
  const { book } = upload;
  return (
    <section className="card" aria-labelledby="book-title">
      <h2 id="book-title">{book.title}</h2>
      <p>{t("new.counts", { chapters: book.chapters.length, sections: book.sections, units: book.units })}</p>
      <h3>{t("new.toc")}</h3>
      <ol className="toc">
        {book.chapters.map((chapter) => (
          <li key={chapter.id}>
            {chapter.title}{" "}
            <span className="muted small">({t("new.sections", { n: chapter.sections })})</span>
          </li>
        ))}
      </ol>
      <h3>{t("new.warnings", { n: upload.warnings.length })}</h3>
      {upload.warnings.length === 0 ? (
        <p className="muted">{t("new.noWarnings")}</p>
      ) : (
        <ul className="warnings">
          {upload.warnings.map((warning, i) => (
            <li key={i}>{warningText(warning)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
