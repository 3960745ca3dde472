/** New page or program: a brief → the `page` or `program` pipeline, then its live run page. */
import { useNavigate } from "react-router";
import { BriefForm } from "../brief/BriefForm.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { PageTitle } from "../shell/PageTitle.tsx";

export function NewBrief() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle text={t("brief.newTitle")} />
      <p className="muted">{t("brief.intro")}</p>
      <BriefForm onStarted={(id) => void navigate(`/runs/${id}`)} />
    </>
  );
}
