/**
 * Phase 2's descriptions as the art and every later image prompt use them: one source of how a
 * character looks, so panel images keep the characters consistent.
 */
import type { CharacterLook } from "../../media/manga/types";
import type { Character } from "./schemas/characters";

export function lookOf(character: Omit<Character, "sheet">): CharacterLook {
  const a = character.appearance;
  return {
    id: character.id,
    name: character.name,
    hair: a.hair,
    eyes: a.eyes,
    build: a.build,
    outfit: a.outfit,
    palette: a.palette,
  };
}

/** "Mira: short black hair; large brown eyes; slim and tall; wearing a yellow raincoat". */
export function describeForPrompt(character: Omit<Character, "sheet">): string {
  const a = character.appearance;
  return `${character.name}: ${a.hair}; ${a.eyes}; ${a.build}; wearing ${a.outfit}`;
}
