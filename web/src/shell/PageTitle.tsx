/**
 * A page's <h1>: sets document.title and, after a route change (not on the first load), takes
 * focus so screen readers announce the new page and keyboard users start from its top.
 */
import { useEffect, useRef, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { consumeRouteChange } from "./route-focus.ts";

export function PageTitle({ children, text }: { children?: ReactNode; text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${text} · ${t("app.name")}`;
  }, [text, t]);
  useEffect(() => {
    if (consumeRouteChange()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children ?? text}
    </h1>
  );
}
