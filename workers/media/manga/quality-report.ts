/**
 * The quality report phase 7's reviewer sees: for every page, the layout's problems
 * (validateLayout: overlaps, margins, minimum size, reading order, panels that did not fit),
 * missing panel images, text that overflowed its balloon or found no room at all, balloons that
 * overlap each other or leave their panel. Each finding names its page and panel.
 */
import { validateLayout } from "./layout/validate-layout.ts";
import { rectContains, rectsOverlap } from "./rect.ts";
import type { Balloon, LetteringItem, PageLayout, QualityFinding } from "./types.ts";

export interface ReportPage {
  layout: PageLayout;
  /** By panel id; a missing or undefined entry is a missing image. */
  images: Record<string, unknown>;
  /** Placed balloons by panel id. */
  lettering: Record<string, Balloon[] | undefined>;
  /** The lettering items by panel id, to find lines that were not placed at all. */
  items?: Record<string, LetteringItem[] | undefined>;
}

function quote(text: string): string {
  const chars = [...text];
  return `"${chars.slice(0, 24).join("")}${chars.length > 24 ? "…" : ""}"`;
}

function pageFindings(report: ReportPage): QualityFinding[] {
  const page = report.layout.page;
  const findings = validateLayout(report.layout);
  const everyBalloon: Array<{ panelId: string; balloon: Balloon }> = [];
  for (const { intent, rect } of report.layout.panels) {
    const panelId = intent.id;
    if (!report.images[panelId]) {
      findings.push({
        code: "missing_image",
        severity: "error",
        page,
        panelId,
        message: `panel ${panelId} has no image`,
      });
    }
    const balloons = report.lettering[panelId] ?? [];
    const items = report.items?.[panelId] ?? [];
    for (const balloon of balloons) {
      everyBalloon.push({ panelId, balloon });
      const text = items[balloon.itemIndex]?.text ?? balloon.lines.join("");
      if (balloon.overflow) {
        findings.push({
          code: "text_overflow",
          severity: "error",
          page,
          panelId,
          message: `${balloon.kind} ${quote(text)} does not fit panel ${panelId} even at ${balloon.fontSize} units: it is cut`,
        });
      }
      const tailOutside = balloon.tail && !rectContains(rect, { ...balloon.tail, w: 0, h: 0 });
      if (!rectContains(rect, balloon.box) || tailOutside) {
        findings.push({
          code: "balloon_outside_panel",
          severity: "error",
          page,
          panelId,
          message: `${balloon.kind} ${quote(text)} reaches outside panel ${panelId}`,
        });
      }
    }
    const placed = new Set(balloons.map((b) => b.itemIndex));
    items.forEach((item, index) => {
      if (item.text.trim() === "" || placed.has(index)) return;
      findings.push({
        code: "text_overflow",
        severity: "error",
        page,
        panelId,
        message: `${item.kind} ${quote(item.text)} found no room in panel ${panelId}: it is not on the page`,
      });
    });
  }
  for (let i = 0; i < everyBalloon.length; i++) {
    for (let j = i + 1; j < everyBalloon.length; j++) {
      const a = everyBalloon[i];
      const b = everyBalloon[j];
      if (a && b && rectsOverlap(a.balloon.box, b.balloon.box)) {
        findings.push({
          code: "balloon_overlap",
          severity: "error",
          page,
          panelId: b.panelId,
          message: `balloons in panels ${a.panelId} and ${b.panelId} overlap`,
        });
      }
    }
  }
  return findings;
}

/**
 * @example
 * qualityReport([{ layout, images, lettering }]).filter((f) => f.severity === "error");
 */
export function qualityReport(pages: ReportPage[]): QualityFinding[] {
  return pages.flatMap(pageFindings);
}
