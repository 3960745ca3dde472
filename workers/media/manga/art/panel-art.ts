/**
 * Procedural panel art: a standalone SVG document (no scripts, no external resources) the size
 * of the panel in page units — background by setting, the present characters in their palettes
 * framed by the shot (stageFigures, shared with the lettering's tails), the horizon moved by the
 * camera angle (a dutch angle tilts the whole scene), and speed lines, focus lines or a screen
 * tone when the action calls for them. Seeded by the panel id: same panel, same bytes.
 */
import { seededRandom } from "../seeded-random.ts";
import { stageFigures } from "../staging.ts";
import type { CameraAngle, CharacterLook, PanelIntent } from "../types.ts";
import { backgroundSvg, isNight, settingKind } from "./backgrounds.ts";
import { effectFor, effectSvg } from "./effects.ts";
import { figureSvg } from "./figure.ts";
import { lookTraits, type Traits } from "./look-traits.ts";

/** Horizon height as a share of the panel, per camera angle (high looks down: horizon up). */
const HORIZON: Record<CameraAngle, number> = {
  "eye-level": 0.62,
  high: 0.3,
  "birds-eye": 0.12,
  low: 0.82,
  "worms-eye": 0.95,
  dutch: 0.6,
};

export interface PanelArtInput {
  panel: PanelIntent;
  /** Panel size in page units (the art's viewBox); the rasteriser scales it. */
  width: number;
  height: number;
  /** Looks of the characters; ids in panel.characters without a look are drawn in greys. */
  looks: CharacterLook[];
}

const n = (v: number) => Math.round(v * 10) / 10;

function unknownLook(id: string): CharacterLook {
  return {
    id,
    name: id,
    hair: "",
    eyes: "",
    build: "",
    outfit: "",
    palette: { hair: "#3a3a3a", eyes: "#555555", skin: "#eeeeee", outfit: "#8a8a8a", accent: "#555555" },
  };
}

/**
 * @example
 * const svg = panelArtSvg({ panel, width: 434, height: 400, looks });
 */
export function panelArtSvg(input: PanelArtInput): string {
  const { panel, looks } = input;
  const w = Math.max(1, input.width);
  const h = Math.max(1, input.height);
  const random = seededRandom(`${panel.id}|${panel.setting ?? ""}|${panel.shot}|${panel.angle}`);
  const context = `${panel.setting ?? ""} ${panel.action}`;
  const horizon = h * HORIZON[panel.angle];
  const background = backgroundSvg(settingKind(context), w, h, horizon, isNight(context), random);
  const staged = stageFigures({ x: 0, y: 0, w, h }, panel.shot, panel.characters);
  const traits = new Map<string, Traits>(
    staged.map((s) => [
      s.characterId,
      lookTraits(looks.find((l) => l.id === s.characterId) ?? unknownLook(s.characterId)),
    ]),
  );
  const excited = /[!！]|shout|scream|surpris|叫|驚/i.test(panel.action);
  const focus = staged[0]?.head ?? { x: w / 2, y: h / 2 };
  const effect = effectSvg(effectFor(panel.action), w, h, focus, random);
  const shadows = staged
    .filter((s) => s.groundY < h)
    .map(
      (s) =>
        `<ellipse cx="${n(s.head.x)}" cy="${n(s.groundY)}" rx="${n(s.headRadius * 1.6)}" ry="${n(s.headRadius * 0.3)}" fill="#000000" fill-opacity="0.18"/>`,
    )
    .join("");
  const figures = staged.map((s) => figureSvg(traits.get(s.characterId) as Traits, s, { excited })).join("");
  let scene = `${background}${effect.under}${shadows}${figures}${effect.over}`;
  if (panel.angle === "dutch") {
    // Tilt the scene and scale it up so that no blank corner shows.
    const tilt = random() < 0.5 ? -9 : 9;
    scene = `<g transform="translate(${n(w / 2)} ${n(h / 2)}) rotate(${tilt}) scale(1.3) translate(${n(-w / 2)} ${n(-h / 2)})">${scene}</g>`;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(w)}" height="${n(h)}" viewBox="0 0 ${n(w)} ${n(h)}">` +
    `<rect width="${n(w)}" height="${n(h)}" fill="#ffffff"/>${scene}</svg>`
  );
}
