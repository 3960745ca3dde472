/**
 * Drawable traits from a CharacterLook's free text (English or Japanese keywords): hair shape,
 * eye shape, build proportions, outfit kind; colours checked as hex. Words that name nothing
 * known fall back to a choice seeded by the character id, so every character still differs.
 */
import { hashString } from "../seeded-random.ts";
import type { CharacterLook } from "../types.ts";

export type HairStyle = "short" | "long" | "ponytail" | "twintails" | "spiky" | "bob" | "bald";
export type EyeShape = "large" | "narrow" | "round";
export type OutfitKind = "uniform" | "coat" | "dress" | "suit" | "armor" | "kimono" | "casual";

export interface Traits {
  hair: HairStyle;
  eyes: EyeShape;
  /** Shoulder width and height multipliers. */
  width: number;
  height: number;
  outfit: OutfitKind;
  /** A skirt instead of trousers. */
  skirt: boolean;
  colours: { hair: string; eyes: string; skin: string; outfit: string; accent: string };
}

const HAIR: Array<[HairStyle, RegExp]> = [
  ["ponytail", /ponytail|ポニーテール|ポニテ/i],
  ["twintails", /twin ?tails?|pigtails?|ツインテール/i],
  ["bald", /bald|shaved|坊主|スキンヘッド|禿/i],
  ["spiky", /spiky|messy|wild|ツンツン|ボサボサ|逆立/i],
  ["bob", /\bbob\b|ボブ|おかっぱ/i],
  ["long", /long|ロング|長い|長髪|腰まで/i],
  ["short", /short|crew|ショート|短い|短髪/i],
];
const EYES: Array<[EyeShape, RegExp]> = [
  ["narrow", /narrow|sharp|stern|cold|細い目|鋭い|切れ長|つり目/i],
  ["large", /large|big|bright|sparkling|大きな|大きい|ぱっちり|丸い/i],
];
const OUTFIT: Array<[OutfitKind, RegExp]> = [
  ["armor", /armou?r|knight|鎧|甲冑/i],
  ["kimono", /kimono|yukata|hakama|着物|浴衣|袴|和服/i],
  ["uniform", /uniform|sailor|blazer|制服|セーラー|学ラン|ブレザー/i],
  ["suit", /suit|tie|business|スーツ|ネクタイ/i],
  ["coat", /coat|jacket|cloak|hoodie|コート|ジャケット|マント|パーカー/i],
  ["dress", /dress|gown|robe|ドレス|ワンピース/i],
];

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function safeColour(value: string | undefined, fallback: string): string {
  return value && HEX.test(value.trim()) ? value.trim() : fallback;
}

function match<T>(text: string, table: Array<[T, RegExp]>): T | undefined {
  return table.find(([, pattern]) => pattern.test(text))?.[0];
}

export function lookTraits(look: CharacterLook): Traits {
  const seed = hashString(look.id);
  const hairStyles: HairStyle[] = ["short", "long", "ponytail", "spiky", "bob"];
  const build = look.build ?? "";
  const sturdy = /sturdy|stocky|muscular|broad|heavy|big|large|がっしり|大柄|筋肉|太/i.test(build);
  const slim = /slim|thin|slender|lean|skinny|細身|華奢|痩せ|スリム/i.test(build);
  const small = /small|child|kid|little|petite|short|小柄|子供|子ども|幼/i.test(build);
  const tall = /tall|長身|背が高/i.test(build);
  const outfit = match(look.outfit ?? "", OUTFIT) ?? "casual";
  return {
    hair: match(look.hair ?? "", HAIR) ?? hairStyles[seed % hairStyles.length] ?? "short",
    eyes: match(look.eyes ?? "", EYES) ?? "round",
    width: sturdy ? 1.25 : slim ? 0.85 : small ? 0.9 : 1,
    height: small ? 0.8 : tall ? 1.08 : 1,
    outfit,
    skirt: outfit === "dress" || /skirt|sailor|スカート|セーラー/i.test(look.outfit ?? ""),
    colours: {
      hair: safeColour(look.palette?.hair, "#2b2b2b"),
      eyes: safeColour(look.palette?.eyes, "#4a3b2a"),
      skin: safeColour(look.palette?.skin, "#f3dcc8"),
      outfit: safeColour(look.palette?.outfit, "#5b6475"),
      accent: safeColour(look.palette?.accent, "#c0392b"),
    },
  };
}
