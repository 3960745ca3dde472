/**
 * Problems of a page layout — the engine's own output never has errors, but a reviewer's edit
 * (move or resize a panel) or a stored layout might: panels overlapping, outside the margins,
 * smaller than the minimum, a reading order that does not follow the direction, panels that did
 * not fit. The pipeline rejects an edit with errors; the quality report lists them all.
 */
import { finiteOr, rectContains, rectsOverlap } from "../rect.ts";
import {
  LIVE_AREA,
  MIN_PANEL_HEIGHT,
  MIN_PANEL_WIDTH,
  type PageLayout,
  type PanelRect,
  type QualityFinding,
} from "../types.ts";
import { readingOrderOf } from "./reading-order.ts";

function isFiniteRect(rect: PanelRect): boolean {
  return [rect.x, rect.y, rect.w, rect.h].every((n) => Number.isFinite(n));
}

function describe(rect: PanelRect): string {
  const n = (v: number) => Math.round(finiteOr(v, NaN) * 10) / 10;
  return `(${n(rect.x)}, ${n(rect.y)}) ${n(rect.w)}×${n(rect.h)}`;
}

/**
 * @example
 * validateLayout(layoutPage(intent, "rtl")); // []
 */
export function validateLayout(layout: PageLayout): QualityFinding[] {
  const findings: QualityFinding[] = [];
  const page = layout.page;
  const panels = layout.panels;
  for (const { intent, rect } of panels) {
    if (!isFiniteRect(rect) || !rectContains(LIVE_AREA, rect)) {
      findings.push({
        code: "panel_outside_margins",
        severity: "error",
        page,
        panelId: intent.id,
        message: `panel ${intent.id} at ${describe(rect)} is not inside the margins (live area ${describe(LIVE_AREA)})`,
      });
    }
    if (!(rect.w >= MIN_PANEL_WIDTH - 0.01 && rect.h >= MIN_PANEL_HEIGHT - 0.01)) {
      findings.push({
        code: "panel_too_small",
        severity: "error",
        page,
        panelId: intent.id,
        message: `panel ${intent.id} is ${describe(rect)}; the minimum is ${MIN_PANEL_WIDTH}×${MIN_PANEL_HEIGHT}`,
      });
    }
  }
  for (let i = 0; i < panels.length; i++) {
    for (let j = i + 1; j < panels.length; j++) {
      const a = panels[i];
      const b = panels[j];
      if (a && b && rectsOverlap(a.rect, b.rect)) {
        findings.push({
          code: "panel_overlap",
          severity: "error",
          page,
          panelId: b.intent.id,
          message: `panels ${a.intent.id} and ${b.intent.id} overlap`,
        });
      }
    }
  }
  const numbers = panels.map((p) => p.readingOrder);
  const sortedByNumber = [...panels].sort((a, b) => a.readingOrder - b.readingOrder).map((p) => p.intent.id);
  const expected = readingOrderOf(
    panels.map((p) => p.rect),
    layout.direction,
  ).map((i) => panels[i]?.intent.id ?? "");
  const numbersValid = numbers.every((n, i) => [...numbers].sort((a, b) => a - b)[i] === i + 1);
  if (!numbersValid || sortedByNumber.join("\u0000") !== expected.join("\u0000")) {
    findings.push({
      code: "reading_order",
      severity: "error",
      page,
      message: numbersValid
        ? `reading order ${sortedByNumber.join(" → ")} does not follow the page (${layout.direction}): expected ${expected.join(" → ")}`
        : `reading order numbers ${numbers.join(", ")} are not 1…${panels.length}`,
    });
  }
  if (layout.overflowPanelIds.length > 0) {
    findings.push({
      code: "panels_overflow",
      severity: "warning",
      page,
      message: `${layout.overflowPanelIds.length} panel(s) did not fit on page ${page}: ${layout.overflowPanelIds.join(", ")}`,
    });
  }
  return findings;
}
