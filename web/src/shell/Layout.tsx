/**
 * The frame of every page: skip link, header with navigation, theme and language, and the page
 * itself in <main>. Without an accepted API key it shows the sign-in form instead.
 */
import { useSyncExternalStore } from "react";
import { NavLink, Outlet } from "react-router";
import { currentCredential, signOut, subscribeKey } from "../auth/api-key.ts";
import { useAccountText } from "../auth/messages.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { Preferences } from "./Preferences.tsx";
import { SignIn } from "./SignIn.tsx";
import { TeamSwitcher } from "./TeamSwitcher.tsx";

export function Layout() {
  const { t } = useI18n();
  const a = useAccountText();
  const key = useSyncExternalStore(subscribeKey, currentCredential);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skip.toMain")}
      </a>
      <header className="app-header">
        <p className="brand">
          <NavLink to="/">{t("app.name")}</NavLink>
        </p>
        {key && (
          <nav aria-label={t("nav.label")}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t("nav.home")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/new/book">{t("nav.newBook")}</NavLink>
              </li>
              <li>
                <NavLink to="/new/manga">{t("nav.newManga")}</NavLink>
              </li>
              <li>
                <NavLink to="/new/brief">{t("nav.newBrief")}</NavLink>
              </li>
              <li>
                <NavLink to="/gateway">{t("nav.gateway")}</NavLink>
              </li>
              <li>
                <NavLink to="/settings">{t("nav.settings")}</NavLink>
              </li>
              {key === "session" && (
                <li>
                  <NavLink to="/team">{a("teamTitle")}</NavLink>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          {key === "session" && <TeamSwitcher />}
          <Preferences compact />
          {key && (
            <button type="button" className="secondary" onClick={signOut}>
              {t("nav.signOut")}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {key ? <Outlet /> : <SignIn />}
      </main>
    </>
  );
}
