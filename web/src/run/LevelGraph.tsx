/**
 * The run's graph by level (graph-levels.ts): breadcrumbs of the chosen prefix and a virtualised
 * list of its groups with their counts per status; choosing a group drills down.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { aggregateLevel, summarizeCounts } from "./graph-levels.ts";

const ROW_HEIGHT = 40;

export function LevelGraph({
  statuses,
  complete,
}: {
  statuses: ReadonlyMap<string, string>;
  complete: boolean;
}) {
  const { t } = useI18n();
  const [prefix, setPrefix] = useState("");
  const rows = useMemo(() => aggregateLevel(statuses, prefix), [statuses, prefix]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const parts = prefix ? prefix.split("/") : [];
  return (
    <section className="card" aria-labelledby="graph-title">
      <h2 id="graph-title">{t("run.graph")}</h2>
      <p className="muted small">{t("run.graphHelp")}</p>
      <nav aria-label={t("run.level", { path: prefix || t("run.root") })}>
        <ol className="breadcrumbs">
          <li>
            <button
              type="button"
              className="linklike"
              onClick={() => setPrefix("")}
              aria-current={prefix ? undefined : "true"}
            >
              {t("run.root")}
            </button>
          </li>
          {parts.map((part, i) => (
            <li key={i}>
              <button
                type="button"
                className="linklike"
                aria-current={i === parts.length - 1 ? "true" : undefined}
                onClick={() => setPrefix(parts.slice(0, i + 1).join("/"))}
              >
                {part}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {!complete && <p className="muted small">{t("run.nodesLoaded", { n: statuses.size, total: "…" })}</p>}
      <div ref={scroller} className="level-list" role="list" aria-label={prefix || t("run.root")}>
        <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const counts = summarizeCounts(row.counts)
              .map(([status, n]) => `${status} ${n}`)
              .join(" · ");
            return (
              <div
                key={`${row.path}${row.leaf ? "#" : ""}`}
                role="listitem"
                className="level-row"
                style={{
                  position: "absolute",
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {row.leaf ? (
                  <span>{row.key}</span>
                ) : (
                  <button type="button" className="secondary" onClick={() => setPrefix(row.path)}>
                    {row.key}
                  </button>
                )}
                <span className="counts">{row.leaf ? row.status : `${row.total}: ${counts}`}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
