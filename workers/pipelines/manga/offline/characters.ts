/**
 * Phase 2 without a model: the story's names become characters; appearance is chosen from the
 * name's hash (hair, eyes, build, outfit, palette), so a name always looks the same.
 */
import type { Character } from "../schemas/characters";
import { clip, hashOf, pick, type StoryFacts } from "./story-facts";

const HAIR = [
  ["short black hair", "#1b1b1f"],
  ["long black hair in a ponytail", "#22222a"],
  ["messy brown hair", "#5a3a22"],
  ["shoulder-length chestnut hair", "#7a4a2a"],
  ["short silver hair", "#b8bcc4"],
  ["long dark blue hair", "#1f2d5a"],
] as const;
const EYES = [
  ["large brown eyes", "#6b4226"],
  ["calm dark eyes", "#2b2b2b"],
  ["bright green eyes", "#2f8f4e"],
  ["grey eyes", "#7d8590"],
] as const;
const BUILD = ["slim and tall", "small and light", "average build", "sturdy and broad-shouldered"] as const;
const OUTFIT = [
  ["navy school uniform with a red scarf", "#23305a", "#c0392b"],
  ["white shirt and dark trousers", "#e8e8e8", "#34495e"],
  ["yellow raincoat", "#f1c40f", "#2c3e50"],
  ["grey hoodie and jeans", "#7f8c8d", "#2980b9"],
  ["green cardigan over a blouse", "#27ae60", "#f5f5dc"],
  ["black jacket with a white tee", "#1c1c1c", "#e74c3c"],
] as const;
const SKIN = ["#f6d7c3", "#eac1a2", "#d9a67e", "#f3cfb3"] as const;

export function lookFor(name: string, variant: number): Character["appearance"] {
  const h = hashOf(name) + variant * 7;
  const [hair, hairColour] = pick(HAIR, h);
  const [eyes, eyeColour] = pick(EYES, h >>> 3);
  const [outfit, outfitColour, accent] = pick(OUTFIT, h >>> 6);
  return {
    hair,
    eyes,
    build: pick(BUILD, h >>> 9),
    outfit,
    palette: { hair: hairColour, eyes: eyeColour, skin: pick(SKIN, h >>> 12), outfit: outfitColour, accent },
  };
}

export function offlineCharacters(facts: StoryFacts, variant: number): Omit<Character, "sheet">[] {
  const ja = facts.language === "ja";
  const names = facts.names.length ? facts.names : [ja ? "主人公" : "The narrator"];
  const roles = ja
    ? ["主人公", "もう一人の主人公", "脇役"]
    : ["protagonist", "deuteragonist", "supporting character"];
  return names.map((name, i) => ({
    id: `c${i + 1}`,
    name,
    role: roles[Math.min(i, 2)]!,
    personality: clip(facts.sentences.find((s) => s.includes(name)) ?? facts.sentences[0] ?? name, 300),
    appearance: lookFor(name, variant),
  }));
}
