/**
 * Manga effects chosen from the action text: focus lines (集中線) around the subject for an
 * impact or a shout, parallel speed lines for motion, a dot screen tone for a quiet or sad beat.
 */
const n = (v: number) => Math.round(v * 10) / 10;

export type Effect = "impact" | "motion" | "tone" | "none";

const IMPACT =
  /punch|hit|strike|crash|explo|slam|smash|shout|scream|shock|bang|attack|kick|!{2,}|！{2,}|殴|叩|衝撃|爆|叫|驚|攻撃|蹴|ドン|バン/i;
const MOTION = /run|dash|rush|race|chase|fly|flee|jump|leap|fall|speed|hurry|走|駆|逃|追|飛|跳|落|急|疾/i;
const QUIET =
  /sad|cry|tear|rain|alone|lonely|quiet|silent|remember|memory|dream|泣|涙|雨|悲|寂|静|思い出|夢|孤独/i;

export function effectFor(action: string): Effect {
  if (IMPACT.test(action)) return "impact";
  if (MOTION.test(action)) return "motion";
  if (QUIET.test(action)) return "tone";
  return "none";
}

/** Lines converging on (fx, fy), leaving a clear centre around the subject. */
function focusLines(w: number, h: number, fx: number, fy: number, random: () => number): string {
  const reach = Math.hypot(w, h);
  const clear = Math.min(w, h) * 0.32;
  let d = "";
  for (let i = 0; i < 90; i++) {
    const angle = (2 * Math.PI * i) / 90 + random() * 0.03;
    const inner = clear * (0.9 + random() * 0.6);
    const spread = 0.008 + random() * 0.01;
    const ax = fx + Math.cos(angle - spread) * reach;
    const ay = fy + Math.sin(angle - spread) * reach;
    const bx = fx + Math.cos(angle + spread) * reach;
    const by = fy + Math.sin(angle + spread) * reach;
    d += `M${n(fx + Math.cos(angle) * inner)} ${n(fy + Math.sin(angle) * inner)}L${n(ax)} ${n(ay)}L${n(bx)} ${n(by)}Z`;
  }
  return `<path fill="#111111" fill-opacity="0.85" d="${d}"/>`;
}

function speedLines(w: number, h: number, random: () => number): string {
  let d = "";
  for (let i = 0; i < 40; i++) {
    const y = random() * h;
    const length = w * (0.25 + random() * 0.5);
    const x = random() < 0.5 ? 0 : w - length;
    d += `M${n(x)} ${n(y)}h${n(length)}`;
  }
  return `<path stroke="#111111" stroke-opacity="0.7" stroke-width="1.4" d="${d}"/>`;
}

function tone(w: number, h: number): string {
  return (
    `<defs><pattern id="tone" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.1" fill="#111111"/></pattern>` +
    `<linearGradient id="tonefade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff" stop-opacity="1"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></linearGradient>` +
    `<mask id="tonemask"><rect width="${n(w)}" height="${n(h)}" fill="url(#tonefade)"/></mask></defs>` +
    `<rect width="${n(w)}" height="${n(h)}" fill="url(#tone)" fill-opacity="0.45" mask="url(#tonemask)"/>`
  );
}

/** The effect layers: `under` goes behind the figures, `over` in front of them (the tone's fade). */
export function effectSvg(
  effect: Effect,
  w: number,
  h: number,
  focus: { x: number; y: number },
  random: () => number,
): { under: string; over: string } {
  switch (effect) {
    case "impact":
      // Behind the figures: lines over faces would make them unreadable.
      return {
        under: `<rect width="${n(w)}" height="${n(h)}" fill="#ffffff" fill-opacity="0.75"/>${focusLines(w, h, focus.x, focus.y, random)}`,
        over: "",
      };
    case "motion":
      return {
        under: `<rect width="${n(w)}" height="${n(h)}" fill="#ffffff" fill-opacity="0.55"/>${speedLines(w, h, random)}`,
        over: "",
      };
    case "tone":
      return { under: tone(w, h), over: "" };
    default:
      return { under: "", over: "" };
  }
}
