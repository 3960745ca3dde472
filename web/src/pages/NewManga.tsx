/** New manga: a story and its options → the `manga` pipeline, then its live run page. */
import { useNavigate } from "react-router";
import { useI18n } from "../i18n/i18n.tsx";
import { MangaStoryForm } from "../manga/MangaStoryForm.tsx";
import { PageTitle } from "../shell/PageTitle.tsx";

export function NewManga() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle text={t("manga.newTitle")} />
      <p className="muted">{t("manga.intro")}</p>
      <MangaStoryForm onStarted={(id) => void navigate(`/runs/${id}`)} />
    </>
  );
}
