/**
 * The end of every "new run" form (book, manga, page or program): the Start button, which says
 * when it is working, and the alert line where a refused start shows its reason.
 */
import { useI18n } from "../i18n/i18n.tsx";

export function StartRunActions({ pending, error }: { pending: boolean; error: Error | null }) {
  const { t } = useI18n();
  return (
    <>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t("new.starting") : t("new.start")}
        </button>
      </div>
      <p role="alert" className="problem">
        {error ? t("new.startFailed", { message: error.message }) : ""}
      </p>
    </>
  );
}
