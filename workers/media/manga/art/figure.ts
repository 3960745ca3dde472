/**
 * A front-view manga figure drawn around a staged head: back hair, body in the outfit, face,
 * eyes, front hair. All sizes are multiples of the head radius `r`, so the same drawing serves a
 * close-up (big head, body cropped by the panel) and a wide shot (a small full figure). Ink is a
 * near-black outline; colours come from the character's palette.
 */
import type { StagedFigure } from "../staging.ts";
import type { Traits } from "./look-traits.ts";

const INK = "#1a1a1a";
const n = (v: number) => Math.round(v * 10) / 10;

export interface FigureOptions {
  /** Open mouth and raised brows (shouting, surprise). */
  excited?: boolean;
}

function backHair(t: Traits, x: number, y: number, r: number): string {
  const fill = `fill="${t.colours.hair}" stroke="${INK}" stroke-width="${n(r * 0.05)}"`;
  switch (t.hair) {
    case "long":
      return `<path ${fill} d="M${n(x - 1.15 * r)} ${n(y)}Q${n(x - 1.3 * r)} ${n(y + 2.4 * r)} ${n(x - 1.1 * r)} ${n(y + 3.3 * r)}L${n(x + 1.1 * r)} ${n(y + 3.3 * r)}Q${n(x + 1.3 * r)} ${n(y + 2.4 * r)} ${n(x + 1.15 * r)} ${n(y)}A${n(1.15 * r)} ${n(1.15 * r)} 0 0 0 ${n(x - 1.15 * r)} ${n(y)}Z"/>`;
    case "ponytail":
      return `<path ${fill} d="M${n(x + 0.7 * r)} ${n(y - 0.7 * r)}Q${n(x + 1.9 * r)} ${n(y - 0.2 * r)} ${n(x + 1.5 * r)} ${n(y + 2.2 * r)}Q${n(x + 1.2 * r)} ${n(y + 0.9 * r)} ${n(x + 0.8 * r)} ${n(y + 0.1 * r)}Z"/>`;
    case "twintails":
      return [-1, 1]
        .map(
          (s) =>
            `<path ${fill} d="M${n(x + s * 0.9 * r)} ${n(y - 0.4 * r)}Q${n(x + s * 2.0 * r)} ${n(y + 0.4 * r)} ${n(x + s * 1.5 * r)} ${n(y + 2.6 * r)}Q${n(x + s * 1.25 * r)} ${n(y + 1.0 * r)} ${n(x + s * 0.95 * r)} ${n(y + 0.3 * r)}Z"/>`,
        )
        .join("");
    case "bob":
      return `<path ${fill} d="M${n(x - 1.15 * r)} ${n(y)}L${n(x - 1.1 * r)} ${n(y + 1.05 * r)}L${n(x + 1.1 * r)} ${n(y + 1.05 * r)}L${n(x + 1.15 * r)} ${n(y)}A${n(1.15 * r)} ${n(1.15 * r)} 0 0 0 ${n(x - 1.15 * r)} ${n(y)}Z"/>`;
    default:
      return "";
  }
}

function frontHair(t: Traits, x: number, y: number, r: number): string {
  if (t.hair === "bald") return "";
  const fill = `fill="${t.colours.hair}" stroke="${INK}" stroke-width="${n(r * 0.05)}" stroke-linejoin="round"`;
  // A cap over the top of the head ending in a fringe of points across the forehead.
  const fringe = [-1.08, -0.7, -0.35, 0, 0.35, 0.7, 1.08].map((dx, i) => {
    const tip = i % 2 === 1 ? -0.05 : -0.3;
    return `L${n(x + dx * r)} ${n(y + tip * r)}`;
  });
  const top = t.hair === "spiky" ? 1.45 : 1.2;
  let spikes = "";
  if (t.hair === "spiky") {
    spikes = [-0.95, -0.6, -0.25, 0.1, 0.45, 0.8]
      .map((dx, i) => {
        const lift = i % 2 === 0 ? 1.55 : 1.7;
        return `<path ${fill} d="M${n(x + (dx - 0.2) * r)} ${n(y - 0.95 * r)}L${n(x + (dx + 0.05 + (dx > 0 ? 0.12 : -0.12)) * r)} ${n(y - lift * r)}L${n(x + (dx + 0.25) * r)} ${n(y - 0.95 * r)}Z"/>`;
      })
      .join("");
  }
  return `${spikes}<path ${fill} d="M${n(x - 1.1 * r)} ${n(y + 0.35 * r)}Q${n(x - 1.25 * r)} ${n(y - top * r)} ${n(x)} ${n(y - top * r)}Q${n(x + 1.25 * r)} ${n(y - top * r)} ${n(x + 1.1 * r)} ${n(y + 0.35 * r)}${fringe.reverse().join("")}Z"/>`;
}

function face(t: Traits, x: number, y: number, r: number, options: FigureOptions): string {
  const line = `stroke="${INK}" stroke-width="${n(Math.max(0.6, r * 0.05))}" stroke-linecap="round"`;
  const outline = `<path fill="${t.colours.skin}" ${line} d="M${n(x - r)} ${n(y)}A${n(r)} ${n(r)} 0 0 1 ${n(x + r)} ${n(y)}C${n(x + r)} ${n(y + 0.65 * r)} ${n(x + 0.4 * r)} ${n(y + 1.1 * r)} ${n(x)} ${n(y + 1.18 * r)}C${n(x - 0.4 * r)} ${n(y + 1.1 * r)} ${n(x - r)} ${n(y + 0.65 * r)} ${n(x - r)} ${n(y)}Z"/>`;
  if (r < 7) return outline; // too small for features to read
  const [ex, ey] = t.eyes === "narrow" ? [0.24, 0.1] : t.eyes === "large" ? [0.21, 0.3] : [0.18, 0.22];
  const eyeY = y + 0.3 * r;
  const eyes = [-1, 1]
    .map((s) => {
      const cx = x + s * 0.42 * r;
      const brow = `<path fill="none" ${line} d="M${n(cx - 0.22 * r)} ${n(eyeY - (options.excited ? 0.52 : 0.4) * r)}Q${n(cx)} ${n(eyeY - (options.excited ? 0.62 : 0.48) * r)} ${n(cx + 0.22 * r)} ${n(eyeY - (options.excited ? 0.52 : 0.42) * r)}"/>`;
      return (
        `<ellipse cx="${n(cx)}" cy="${n(eyeY)}" rx="${n(ex * r)}" ry="${n(ey * r)}" fill="#ffffff" ${line}/>` +
        `<ellipse cx="${n(cx)}" cy="${n(eyeY + 0.02 * r)}" rx="${n(ex * 0.7 * r)}" ry="${n(ey * 0.85 * r)}" fill="${t.colours.eyes}"/>` +
        `<circle cx="${n(cx)}" cy="${n(eyeY + 0.03 * r)}" r="${n(Math.min(ex, ey) * 0.4 * r)}" fill="${INK}"/>` +
        `<circle cx="${n(cx + ex * 0.3 * r)}" cy="${n(eyeY - ey * 0.35 * r)}" r="${n(Math.min(ex, ey) * 0.28 * r)}" fill="#ffffff"/>` +
        brow
      );
    })
    .join("");
  const nose = `<path fill="none" ${line} d="M${n(x + 0.03 * r)} ${n(y + 0.58 * r)}l${n(-0.06 * r)} ${n(0.1 * r)}"/>`;
  const mouth = options.excited
    ? `<ellipse cx="${n(x)}" cy="${n(y + 0.86 * r)}" rx="${n(0.16 * r)}" ry="${n(0.12 * r)}" fill="#7a2a2a" ${line}/>`
    : `<path fill="none" ${line} d="M${n(x - 0.14 * r)} ${n(y + 0.85 * r)}Q${n(x)} ${n(y + 0.92 * r)} ${n(x + 0.14 * r)} ${n(y + 0.85 * r)}"/>`;
  return outline + eyes + nose + mouth;
}

function body(t: Traits, x: number, y: number, r: number, groundY: number): string {
  const w = t.width;
  const line = `stroke="${INK}" stroke-width="${n(Math.max(0.6, r * 0.06))}" stroke-linejoin="round" stroke-linecap="round"`;
  const shoulderY = y + 1.45 * r;
  const waistY = y + 1.45 * r + (5.4 - 1.45) * r * t.height;
  const feetY = groundY - (1 - t.height) * 12 * r;
  const legTop = waistY;
  const sw = 1.25 * r * w;
  const ww = 0.85 * r * w;
  const outfit = t.colours.outfit;
  const dark = t.outfit === "suit" || t.outfit === "uniform" ? "#2a2d36" : "#3d4250";
  const parts: string[] = [];
  // Legs (or stockinged legs under a skirt), then shoes.
  const legColour = t.skirt ? t.colours.skin : dark;
  for (const s of [-1, 1]) {
    parts.push(
      `<path fill="none" stroke="${INK}" stroke-width="${n(0.62 * r * w)}" stroke-linecap="round" d="M${n(x + s * 0.42 * r * w)} ${n(legTop)}L${n(x + s * 0.48 * r * w)} ${n(feetY - 0.2 * r)}"/>`,
    );
    parts.push(
      `<path fill="none" stroke="${legColour}" stroke-width="${n(0.5 * r * w)}" stroke-linecap="round" d="M${n(x + s * 0.42 * r * w)} ${n(legTop)}L${n(x + s * 0.48 * r * w)} ${n(feetY - 0.2 * r)}"/>`,
    );
    parts.push(
      `<ellipse cx="${n(x + s * 0.55 * r * w)}" cy="${n(feetY - 0.1 * r)}" rx="${n(0.38 * r)}" ry="${n(0.18 * r)}" fill="${INK}"/>`,
    );
  }
  // Arms behind the torso edge.
  for (const s of [-1, 1]) {
    const hand = { x: x + s * (sw + 0.25 * r), y: waistY + 0.3 * r };
    parts.push(
      `<path fill="none" stroke="${INK}" stroke-width="${n(0.55 * r * w)}" stroke-linecap="round" d="M${n(x + s * sw * 0.85)} ${n(shoulderY + 0.3 * r)}L${n(hand.x)} ${n(hand.y)}"/>`,
    );
    parts.push(
      `<path fill="none" stroke="${outfit}" stroke-width="${n(0.43 * r * w)}" stroke-linecap="round" d="M${n(x + s * sw * 0.85)} ${n(shoulderY + 0.3 * r)}L${n(hand.x)} ${n(hand.y)}"/>`,
    );
    parts.push(
      `<circle cx="${n(hand.x)}" cy="${n(hand.y + 0.15 * r)}" r="${n(0.22 * r)}" fill="${t.colours.skin}" ${line}/>`,
    );
  }
  const hem =
    t.outfit === "coat" || t.outfit === "kimono"
      ? waistY + 2.6 * r * t.height
      : t.skirt
        ? waistY + 1.8 * r * t.height
        : waistY + 0.2 * r;
  const hemW = t.outfit === "coat" || t.skirt || t.outfit === "kimono" ? ww * 1.35 : ww;
  parts.push(
    `<rect x="${n(x - 0.26 * r)}" y="${n(y + 0.9 * r)}" width="${n(0.52 * r)}" height="${n(0.7 * r)}" fill="${t.colours.skin}" ${line}/>`,
  );
  parts.push(
    `<path fill="${outfit}" ${line} d="M${n(x - sw)} ${n(shoulderY + 0.45 * r)}Q${n(x - sw)} ${n(shoulderY)} ${n(x - sw + 0.5 * r)} ${n(shoulderY)}L${n(x + sw - 0.5 * r)} ${n(shoulderY)}Q${n(x + sw)} ${n(shoulderY)} ${n(x + sw)} ${n(shoulderY + 0.45 * r)}L${n(x + hemW)} ${n(hem)}L${n(x - hemW)} ${n(hem)}Z"/>`,
  );
  if (t.skirt) {
    // Waistband and pleats, so a skirt reads as one below the top.
    const pleats = [-0.6, -0.2, 0.2, 0.6]
      .map((f) => `M${n(x + f * ww)} ${n(waistY)}L${n(x + f * hemW)} ${n(hem)}`)
      .join("");
    parts.push(
      `<path fill="none" ${line} d="M${n(x - ww * 1.02)} ${n(waistY)}L${n(x + ww * 1.02)} ${n(waistY)}${pleats}"/>`,
    );
  }
  parts.push(outfitDetail(t, x, shoulderY, waistY, r, line));
  return parts.join("");
}

function outfitDetail(
  t: Traits,
  x: number,
  shoulderY: number,
  waistY: number,
  r: number,
  line: string,
): string {
  const accent = t.colours.accent;
  switch (t.outfit) {
    case "uniform":
      return t.skirt
        ? `<path fill="#f4f4f4" ${line} d="M${n(x - 0.9 * r)} ${n(shoulderY)}L${n(x)} ${n(shoulderY + 1.3 * r)}L${n(x + 0.9 * r)} ${n(shoulderY)}Z"/><path fill="${accent}" ${line} d="M${n(x - 0.3 * r)} ${n(shoulderY + 1.0 * r)}L${n(x)} ${n(shoulderY + 1.6 * r)}L${n(x + 0.3 * r)} ${n(shoulderY + 1.0 * r)}Z"/>`
        : `<path fill="none" ${line} d="M${n(x)} ${n(shoulderY)}L${n(x)} ${n(waistY)}"/>` +
            [0.8, 1.6, 2.4]
              .map(
                (dy) =>
                  `<circle cx="${n(x + 0.12 * r)}" cy="${n(shoulderY + dy * r)}" r="${n(0.08 * r)}" fill="#d4af37"/>`,
              )
              .join("");
    case "suit":
      return `<path fill="#f4f4f4" ${line} d="M${n(x - 0.45 * r)} ${n(shoulderY)}L${n(x)} ${n(shoulderY + 1.4 * r)}L${n(x + 0.45 * r)} ${n(shoulderY)}Z"/><path fill="${accent}" ${line} d="M${n(x - 0.1 * r)} ${n(shoulderY + 0.1 * r)}L${n(x + 0.1 * r)} ${n(shoulderY + 0.1 * r)}L${n(x + 0.14 * r)} ${n(shoulderY + 1.5 * r)}L${n(x)} ${n(shoulderY + 1.7 * r)}L${n(x - 0.14 * r)} ${n(shoulderY + 1.5 * r)}Z"/>`;
    case "kimono":
      return `<path fill="none" ${line} d="M${n(x - 0.5 * r)} ${n(shoulderY)}L${n(x + 0.3 * r)} ${n(shoulderY + 1.8 * r)}M${n(x + 0.5 * r)} ${n(shoulderY)}L${n(x - 0.1 * r)} ${n(shoulderY + 1.2 * r)}"/><rect x="${n(x - 0.95 * r * t.width)}" y="${n(waistY - 0.7 * r)}" width="${n(1.9 * r * t.width)}" height="${n(0.6 * r)}" fill="${accent}" ${line}/>`;
    case "armor":
      return (
        [-1, 1]
          .map(
            (s) =>
              `<ellipse cx="${n(x + s * 1.05 * r * t.width)}" cy="${n(shoulderY + 0.3 * r)}" rx="${n(0.55 * r)}" ry="${n(0.35 * r)}" fill="#9aa0a6" ${line}/>`,
          )
          .join("") +
        `<path fill="none" ${line} d="M${n(x - 0.7 * r)} ${n(shoulderY + 1.5 * r)}L${n(x + 0.7 * r)} ${n(shoulderY + 1.5 * r)}"/>`
      );
    case "coat":
      return `<path fill="none" ${line} d="M${n(x)} ${n(shoulderY + 0.2 * r)}L${n(x)} ${n(waistY + 2.4 * r)}"/><path fill="${accent}" ${line} d="M${n(x - 0.5 * r)} ${n(shoulderY)}Q${n(x)} ${n(shoulderY + 0.5 * r)} ${n(x + 0.5 * r)} ${n(shoulderY)}L${n(x + 0.3 * r)} ${n(shoulderY + 0.3 * r)}Q${n(x)} ${n(shoulderY + 0.6 * r)} ${n(x - 0.3 * r)} ${n(shoulderY + 0.3 * r)}Z"/>`;
    case "dress":
      return `<path fill="none" stroke="${accent}" stroke-width="${n(0.25 * r)}" d="M${n(x - 0.85 * r * t.width)} ${n(waistY)}L${n(x + 0.85 * r * t.width)} ${n(waistY)}"/>`;
    default:
      return `<path fill="none" stroke="${accent}" stroke-width="${n(0.3 * r)}" d="M${n(x - 1.05 * r * t.width)} ${n(shoulderY + 1.5 * r)}L${n(x + 1.05 * r * t.width)} ${n(shoulderY + 1.5 * r)}"/>`;
  }
}

/** The whole figure as an SVG group. */
export function figureSvg(t: Traits, staged: StagedFigure, options: FigureOptions = {}): string {
  const { x, y } = staged.head;
  const r = staged.headRadius;
  return `<g>${backHair(t, x, y, r)}${body(t, x, y, r, staged.groundY)}${face(t, x, y, r, options)}${frontHair(t, x, y, r)}</g>`;
}
