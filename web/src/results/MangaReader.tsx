/**
 * The manga reader: one page at a time at a chosen quality, turned in the book's reading
 * direction (in a right-to-left book "next" is on the left and ArrowLeft goes forward), zoom,
 * and the keyboard: arrows / PageUp / PageDown / Home / End turn pages, + / - / 0 zoom. A
 * short polite announcement says which page is shown.
 */
import { useState, type KeyboardEvent } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { AuthImage } from "../review/AuthImage.tsx";
import type { PageQuality } from "../review/page-quality.ts";
import { QualitySelector } from "../review/QualitySelector.tsx";
import { pageAfterKey, zoomAfterKey, ZOOM_LEVELS, type ReadingDirection } from "./reader-keys.ts";

/** Page width on screen at zoom 1 (CSS px); the quality decides how many pixels fill it. */
const BASE_WIDTH = 560;

export function MangaReader({
  runId,
  pages,
  direction,
}: {
  runId: string;
  pages: readonly number[];
  direction: ReadingDirection;
}) {
  const { t } = useI18n();
  const [index, setIndex] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [quality, setQuality] = useState<PageQuality>("medium");
  const total = pages.length;
  const page = pages[index - 1] ?? 1;
  const onKey = (e: KeyboardEvent) => {
    const nextPage = pageAfterKey(e.key, index, total, direction);
    const nextZoom = nextPage === null ? zoomAfterKey(e.key, zoom) : null;
    if (nextPage !== null) setIndex(nextPage);
    else if (nextZoom !== null) setZoom(nextZoom);
    else return;
    e.preventDefault();
  };
  const previous = (
    <button type="button" className="secondary" disabled={index <= 1} onClick={() => setIndex(index - 1)}>
      {t("reader.previous")}
    </button>
  );
  const next = (
    <button type="button" className="secondary" disabled={index >= total} onClick={() => setIndex(index + 1)}>
      {t("reader.next")}
    </button>
  );
  const width = Math.round(BASE_WIDTH * zoom);
  return (
    <section className="card reader" aria-labelledby="reader-title">
      <h2 id="reader-title">{t("reader.title")}</h2>
      <p className="muted small">
        {t(`reader.direction.${direction}`)} · {t("reader.keys")}
      </p>
      <div className="filters">
        <QualitySelector value={quality} onChange={setQuality} />
        <div className="field">
          <label htmlFor="reader-zoom">{t("reader.zoom")}</label>
          <select id="reader-zoom" value={zoom} onChange={(e) => setZoom(Number(e.target.value))}>
            {ZOOM_LEVELS.map((z) => (
              <option key={z} value={z}>
                {Math.round(z * 100)} %
              </option>
            ))}
          </select>
        </div>
      </div>
      {/* The buttons sit where the pages go: in a right-to-left book "next" is on the left. */}
      <div className="actions reader-turns">
        {direction === "rtl" ? next : previous}
        <span role="status" aria-live="polite">
          {t("reader.pageOf", { n: index, total })}
        </span>
        {direction === "rtl" ? previous : next}
      </div>
      <div
        className="reader-stage"
        tabIndex={0}
        role="group"
        aria-roledescription={t("reader.stage")}
        aria-label={t("reader.pageOf", { n: index, total })}
        onKeyDown={onKey}
      >
        <AuthImage
          key={`${page}-${quality}`}
          url={`/v1/workflows/${runId}/pages/${page}?quality=${quality}`}
          alt={t("reader.pageOf", { n: index, total })}
          width={width}
          height={Math.round(width * 1.414)}
          className="reader-page"
        />
      </div>
    </section>
  );
}
