/**
 * Panel backgrounds by setting keyword, in greys like a manga page: city / street, school /
 * classroom, room / interior, forest / nature, sea / beach, night sky, generic. The horizon line
 * (from the camera angle) places the ground; details are seeded so a panel is stable.
 */
import { pick } from "../seeded-random.ts";

export type SettingKind = "city" | "school" | "room" | "forest" | "sea" | "night" | "generic";

const SETTINGS: Array<[SettingKind, RegExp]> = [
  ["sea", /\b(?:sea|beach|ocean|shore|coast|harbou?r|port)|海|浜|港|岸/i],
  [
    "forest",
    /\b(?:forest|woods?\b|trees?\b|park|mountain|garden|field|meadow|nature)|森|林|山|公園|庭|野原|草原|自然/i,
  ],
  ["school", /\b(?:school|class|campus|hallway|corridor)|学校|教室|校舎|廊下|学園|部室/i],
  [
    "room",
    /room|house|home|kitchen|office|cafe|café|shop|library|inside|interior|bedroom|部屋|家|台所|事務所|喫茶|店|図書館|室内|寝室/i,
  ],
  ["city", /\b(?:city|street|town|road|station|downtown|alley|crossing)|街|都市|通り|道|駅|町|路地|交差点/i],
  ["night", /\b(?:night|stars?\b|moon|sky|rooftop)|夜|星|月|空|屋上/i],
];

export function settingKind(setting: string | undefined): SettingKind {
  const text = setting ?? "";
  return SETTINGS.find(([, pattern]) => pattern.test(text))?.[0] ?? "generic";
}

/** True when the setting or action says it is night (darker sky in any setting). */
export function isNight(text: string): boolean {
  return /night|midnight|evening|dark|夜|深夜|真夜中|晩|暗/i.test(text);
}

const n = (v: number) => Math.round(v * 10) / 10;
const LINE = `stroke="#1a1a1a" stroke-linecap="round"`;

function sky(w: number, horizon: number, night: boolean, random: () => number): string {
  const top = night ? "#2b2f3a" : "#e9ecef";
  const bottom = night ? "#4a5060" : "#ffffff";
  let stars = "";
  if (night) {
    for (let i = 0; i < 40; i++) {
      stars += `<circle cx="${n(random() * w)}" cy="${n(random() * horizon)}" r="${n(0.6 + random() * 1.4)}" fill="#ffffff"/>`;
    }
    stars += `<circle cx="${n(w * 0.78)}" cy="${n(horizon * 0.3)}" r="${n(Math.min(w, horizon) * 0.09)}" fill="#f5f1de"/>`;
  }
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${n(w)}" height="${n(Math.max(0, horizon))}" fill="url(#sky)"/>${stars}`;
}

/** Floor or ground below the horizon with perspective lines toward a vanishing point. */
function ground(w: number, h: number, horizon: number, fill: string, lines: number): string {
  const vx = w / 2;
  let out = `<rect y="${n(horizon)}" width="${n(w)}" height="${n(Math.max(0, h - horizon))}" fill="${fill}"/>`;
  for (let i = 0; i <= lines; i++) {
    const x = -w + (3 * w * i) / lines;
    out += `<path ${LINE} stroke-width="1" stroke-opacity="0.35" d="M${n(vx)} ${n(horizon)}L${n(x)} ${n(h)}"/>`;
  }
  return out + `<path ${LINE} stroke-width="1.5" d="M0 ${n(horizon)}H${n(w)}"/>`;
}

function city(w: number, h: number, horizon: number, night: boolean, random: () => number): string {
  let out = sky(w, horizon, night, random);
  let x = -10;
  while (x < w) {
    const bw = w * (0.12 + random() * 0.16);
    const bh = horizon * (0.35 + random() * 0.6);
    const tone = pick(night ? ["#3b3f4a", "#454a56", "#343844"] : ["#c9ccd1", "#b8bcc3", "#d6d8dc"], random);
    out += `<rect x="${n(x)}" y="${n(horizon - bh)}" width="${n(bw)}" height="${n(bh)}" fill="${tone}" ${LINE} stroke-width="1.2"/>`;
    for (let wy = horizon - bh + 8; wy < horizon - 10; wy += 14) {
      for (let wx = x + 6; wx < x + bw - 10; wx += 12) {
        const lit = night && random() > 0.55;
        out += `<rect x="${n(wx)}" y="${n(wy)}" width="6" height="7" fill="${lit ? "#f3e6a8" : night ? "#2a2d36" : "#eef0f2"}"/>`;
      }
    }
    x += bw + 2;
  }
  return out + ground(w, h, horizon, night ? "#3a3d45" : "#d9d9d9", 10);
}

function school(w: number, h: number, horizon: number): string {
  const wall = `<rect width="${n(w)}" height="${n(horizon)}" fill="#eceae4"/>`;
  const board = `<rect x="${n(w * 0.12)}" y="${n(horizon * 0.2)}" width="${n(w * 0.5)}" height="${n(horizon * 0.45)}" fill="#3f4a44" ${LINE} stroke-width="2"/>`;
  const windows = [0.72, 0.86]
    .map(
      (fx) =>
        `<rect x="${n(w * fx)}" y="${n(horizon * 0.12)}" width="${n(w * 0.11)}" height="${n(horizon * 0.6)}" fill="#f7fbff" ${LINE} stroke-width="1.5"/><path ${LINE} d="M${n(w * (fx + 0.055))} ${n(horizon * 0.12)}V${n(horizon * 0.72)}"/>`,
    )
    .join("");
  let desks = "";
  for (const [fx, fy] of [
    [0.15, 0.35],
    [0.55, 0.35],
    [0.05, 0.7],
    [0.6, 0.7],
  ] as const) {
    const y = horizon + (h - horizon) * fy;
    desks += `<path fill="#b59b7a" ${LINE} stroke-width="1.2" d="M${n(w * fx)} ${n(y)}h${n(w * 0.3)}l${n(w * 0.03)} ${n(h * 0.05)}h${n(-w * 0.36)}Z"/>`;
  }
  return wall + board + windows + ground(w, h, horizon, "#cdbfa8", 14) + desks;
}

function room(w: number, h: number, horizon: number, night: boolean): string {
  let stripes = "";
  for (let x = 0; x < w; x += 22)
    stripes += `<path stroke="#d9d4ca" stroke-width="6" d="M${n(x)} 0V${n(horizon)}"/>`;
  const win = `<rect x="${n(w * 0.58)}" y="${n(horizon * 0.15)}" width="${n(w * 0.26)}" height="${n(horizon * 0.5)}" fill="${night ? "#2f3440" : "#f4f8fb"}" ${LINE} stroke-width="2"/><path fill="#c9b8a6" ${LINE} d="M${n(w * 0.55)} ${n(horizon * 0.1)}h${n(w * 0.06)}v${n(horizon * 0.62)}h${n(-w * 0.06)}Z"/>`;
  const shelf = `<rect x="${n(w * 0.08)}" y="${n(horizon * 0.3)}" width="${n(w * 0.22)}" height="${n(horizon * 0.7)}" fill="#a88b6a" ${LINE} stroke-width="1.5"/>`;
  return `<rect width="${n(w)}" height="${n(horizon)}" fill="#ece7de"/>${stripes}${win}${shelf}${ground(w, h, horizon, "#bfa88c", 12)}`;
}

function forest(w: number, h: number, horizon: number, night: boolean, random: () => number): string {
  let out = sky(w, horizon, night, random);
  for (let layer = 0; layer < 2; layer++) {
    const tone = night ? (layer === 0 ? "#2e3a33" : "#24302a") : layer === 0 ? "#b9c4b5" : "#8f9f8b";
    for (let x = -20; x < w + 20; x += 40 + random() * 40) {
      const size = horizon * (0.25 + random() * 0.25) * (layer === 0 ? 0.8 : 1.1);
      const base = horizon + layer * 6;
      out += `<rect x="${n(x - size * 0.06)}" y="${n(base - size * 0.8)}" width="${n(size * 0.12)}" height="${n(size * 0.8)}" fill="#6b5a48" ${LINE}/>`;
      out += `<circle cx="${n(x)}" cy="${n(base - size * 0.9)}" r="${n(size * 0.45)}" fill="${tone}" ${LINE} stroke-width="1.2"/>`;
    }
  }
  let grass = "";
  for (let i = 0; i < 30; i++) {
    const x = random() * w;
    const y = horizon + random() * (h - horizon);
    grass += `<path ${LINE} stroke-width="1" d="M${n(x)} ${n(y)}l-3 -8M${n(x)} ${n(y)}l3 -9"/>`;
  }
  return (
    out +
    `<rect y="${n(horizon)}" width="${n(w)}" height="${n(Math.max(0, h - horizon))}" fill="${night ? "#2c342e" : "#c8d2c2"}"/>${grass}`
  );
}

function sea(w: number, h: number, horizon: number, night: boolean, random: () => number): string {
  let out = sky(w, horizon, night, random);
  if (!night)
    out += `<circle cx="${n(w * 0.2)}" cy="${n(horizon * 0.45)}" r="${n(Math.min(w, h) * 0.07)}" fill="#ffffff" ${LINE} stroke-width="1.5"/>`;
  const shore = horizon + (h - horizon) * 0.55;
  out += `<rect y="${n(horizon)}" width="${n(w)}" height="${n(Math.max(0, shore - horizon))}" fill="${night ? "#343a48" : "#b7c2cc"}"/>`;
  for (let i = 0; i < 12; i++) {
    const y = horizon + (shore - horizon) * random();
    const x = random() * w;
    out += `<path fill="none" ${LINE} stroke-width="1" d="M${n(x)} ${n(y)}q8 -5 16 0t16 0"/>`;
  }
  return (
    out +
    `<path fill="${night ? "#4a4740" : "#e8dfc8"}" ${LINE} stroke-width="1.5" d="M0 ${n(shore)}Q${n(w / 2)} ${n(shore - 12)} ${n(w)} ${n(shore + 6)}V${n(h)}H0Z"/><path ${LINE} stroke-width="1.5" d="M0 ${n(horizon)}H${n(w)}"/>`
  );
}

function nightSky(w: number, h: number, horizon: number, random: () => number): string {
  let out = sky(w, horizon, true, random);
  let x = 0;
  while (x < w) {
    const bw = 30 + random() * 60;
    const bh = 15 + random() * 45;
    out += `<rect x="${n(x)}" y="${n(horizon - bh)}" width="${n(bw)}" height="${n(bh + 2)}" fill="#1f222a"/>`;
    x += bw;
  }
  return (
    out + `<rect y="${n(horizon)}" width="${n(w)}" height="${n(Math.max(0, h - horizon))}" fill="#1f222a"/>`
  );
}

/** The background for a panel of w × h units; `horizon` in the same units. */
export function backgroundSvg(
  kind: SettingKind,
  w: number,
  h: number,
  horizon: number,
  night: boolean,
  random: () => number,
): string {
  switch (kind) {
    case "city":
      return city(w, h, horizon, night, random);
    case "school":
      return school(w, h, horizon);
    case "room":
      return room(w, h, horizon, night);
    case "forest":
      return forest(w, h, horizon, night, random);
    case "sea":
      return sea(w, h, horizon, night, random);
    case "night":
      return nightSky(w, h, horizon, random);
    default:
      return `<defs><radialGradient id="bg" cx="0.5" cy="0.45" r="0.75"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#c8cbd0"/></radialGradient></defs><rect width="${n(w)}" height="${n(h)}" fill="url(#bg)"/>${ground(w, h, horizon, "#dcdde0", 8)}`;
  }
}
