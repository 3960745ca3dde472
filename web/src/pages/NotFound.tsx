import { Link } from "react-router";
import { useI18n } from "../i18n/i18n.tsx";
import { PageTitle } from "../shell/PageTitle.tsx";

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle text={t("notFound.title")} />
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </>
  );
}
