/** A run's status as a word and a colour (never colour alone). */
import { RUN_STATUSES, type RunStatus } from "../../../workers/protocol/live.ts";
import { useI18n } from "../i18n/i18n.tsx";

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = RUN_STATUSES.find((s): s is RunStatus => s === status);
  return <span className={`badge status-${status}`}>{known ? t(`status.${known}`) : status}</span>;
}
