/**
 * A placed balloon as SVG (page units): speech = ellipse with a tail merged into its outline,
 * thought = cloud of bumps with trailing bubbles, caption = boxed rectangle, sfx = big outlined
 * letters. Vertical text is set one character per cell so that sideways glyphs can be turned
 * and 、。 moved to the corner (resvg has no vertical glyph substitution of its own).
 */
import { EMBEDDED_FONT_FAMILY } from "../../fonts/font-family.ts";
import { escapeXml } from "../../render/escape-xml.ts";
import type { Balloon, Point } from "../types.ts";
import { COLUMN_PITCH, LINE_HEIGHT, textArea, VERTICAL_ADVANCE } from "./set-text.ts";
import { verticalGlyphForm } from "./vertical-text.ts";

const n = (v: number) => Math.round(v * 10) / 10;
const INK = "#111111";

function ellipsePoint(cx: number, cy: number, rx: number, ry: number, angle: number): Point {
  return { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
}

/** Ellipse outline with the tail as part of one closed path (no seam where they join). */
function speechPath(b: Balloon): string {
  const rx = b.box.w / 2;
  const ry = b.box.h / 2;
  const cx = b.box.x + rx;
  const cy = b.box.y + ry;
  if (!b.tail) return `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(ry)}"/>`;
  const angle = Math.atan2((b.tail.y - cy) / ry, (b.tail.x - cx) / rx);
  const spread = Math.min(0.35, 18 / Math.max(rx, ry));
  const a = ellipsePoint(cx, cy, rx, ry, angle + spread);
  const c = ellipsePoint(cx, cy, rx, ry, angle - spread);
  return `<path d="M${n(a.x)} ${n(a.y)}A${n(rx)} ${n(ry)} 0 1 1 ${n(c.x)} ${n(c.y)}L${n(b.tail.x)} ${n(b.tail.y)}Z"/>`;
}

/** Bumps around an ellipse inset so that the bumps stay inside the box; bubbles toward the tail. */
function thoughtPath(b: Balloon): string {
  const bumps = Math.max(8, Math.round((b.box.w + b.box.h) / 38));
  const chord = (Math.PI * (b.box.w + b.box.h)) / 2 / bumps;
  const inset = chord * 0.3;
  const rx = b.box.w / 2 - inset;
  const ry = b.box.h / 2 - inset;
  const cx = b.box.x + b.box.w / 2;
  const cy = b.box.y + b.box.h / 2;
  const points = Array.from({ length: bumps }, (_, i) =>
    ellipsePoint(cx, cy, rx, ry, (2 * Math.PI * i) / bumps),
  );
  const first = points[0] ?? { x: cx, y: cy };
  const arcs = [...points.slice(1), first]
    .map((p, i) => {
      const from = points[i] ?? first;
      const r = Math.hypot(p.x - from.x, p.y - from.y) * 0.6;
      return `A${n(r)} ${n(r)} 0 0 1 ${n(p.x)} ${n(p.y)}`;
    })
    .join("");
  let bubbles = "";
  if (b.tail) {
    const size = Math.min(b.box.w, b.box.h) * 0.07;
    for (const [t, r] of [
      [0.35, 1],
      [0.7, 0.7],
      [1, 0.45],
    ] as const) {
      const edge = ellipsePoint(cx, cy, rx, ry, Math.atan2((b.tail.y - cy) / ry, (b.tail.x - cx) / rx));
      const x = edge.x + (b.tail.x - edge.x) * t;
      const y = edge.y + (b.tail.y - edge.y) * t;
      const radius = Math.max(2, size * r);
      bubbles += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(Math.min(radius, Math.hypot(b.tail.x - x, b.tail.y - y) + 2))}"/>`;
    }
  }
  return `<path d="M${n(first.x)} ${n(first.y)}${arcs}Z"/>${bubbles}`;
}

function horizontalText(b: Balloon): string {
  const area = textArea(b.kind, b.box, b.fontSize);
  const cx = area.x + area.w / 2;
  const height = b.lines.length * b.fontSize * LINE_HEIGHT;
  const top = area.y + (area.h - height) / 2;
  return b.lines
    .map((line, i) => {
      const baseline = top + (i + 0.5) * b.fontSize * LINE_HEIGHT + b.fontSize * 0.36;
      return `<text x="${n(cx)}" y="${n(baseline)}" text-anchor="middle">${escapeXml(line)}</text>`;
    })
    .join("");
}

function verticalText(b: Balloon): string {
  const area = textArea(b.kind, b.box, b.fontSize);
  const f = b.fontSize;
  const width = b.lines.length * f * COLUMN_PITCH;
  const longest = Math.max(0, ...b.lines.map((c) => [...c].length));
  const top = area.y + (area.h - longest * f * VERTICAL_ADVANCE) / 2;
  const right = area.x + (area.w + width) / 2;
  const out: string[] = [];
  b.lines.forEach((column, i) => {
    const x = right - (i + 0.5) * f * COLUMN_PITCH;
    [...column].forEach((char, j) => {
      const y = top + (j + 0.5) * f * VERTICAL_ADVANCE;
      const glyph = escapeXml(char);
      const form = verticalGlyphForm(char);
      if (form === "rotated") {
        out.push(
          `<text x="${n(x)}" y="${n(y + f * 0.36)}" text-anchor="middle" transform="rotate(90 ${n(x)} ${n(y)})">${glyph}</text>`,
        );
      } else if (form === "corner") {
        out.push(`<text x="${n(x + f * 0.6)}" y="${n(y - f * 0.2)}" text-anchor="middle">${glyph}</text>`);
      } else out.push(`<text x="${n(x)}" y="${n(y + f * 0.36)}" text-anchor="middle">${glyph}</text>`);
    });
  });
  return out.join("");
}

/** One balloon with its lettering, as an SVG group in page units. */
export function balloonSvg(b: Balloon): string {
  const text = b.vertical ? verticalText(b) : horizontalText(b);
  const font = `font-family="${EMBEDDED_FONT_FAMILY}" font-size="${n(b.fontSize)}"`;
  if (b.kind === "sfx") {
    // Sound effects: heavy letters with a white outline so they read over the art.
    const stroke = n(b.fontSize * 0.16);
    return `<g ${font} fill="${INK}" stroke="#ffffff" stroke-width="${stroke}" stroke-linejoin="round" paint-order="stroke" font-weight="bold">${text}</g>`;
  }
  const frame =
    b.kind === "speech"
      ? speechPath(b)
      : b.kind === "thought"
        ? thoughtPath(b)
        : `<rect x="${n(b.box.x)}" y="${n(b.box.y)}" width="${n(b.box.w)}" height="${n(b.box.h)}"/>`;
  const warn = b.overflow ? ` stroke-dasharray="6 4"` : "";
  return (
    `<g><g fill="#ffffff" stroke="${INK}" stroke-width="2.2" stroke-linejoin="round"${warn}>${frame}</g>` +
    `<g ${font} fill="${INK}">${text}</g></g>`
  );
}
