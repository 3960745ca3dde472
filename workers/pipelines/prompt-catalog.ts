/**
 * Every prompt template the pipelines use, with its version and A/B variants (GET /v1/prompts).
 * Templates without variants list one, `base`. Page and program templates included.
 */
import type { PromptListing } from "../protocol/prompts";
import { bookGenerators, bookPromptSet } from "./book/prompts";
import { criticPrompts } from "./critic/critic-prompts";
import { mangaPromptSets } from "./manga/prompts";
import { generatorPromptSets } from "./generators/prompts";
import { BASE_VARIANT, type PromptSet } from "./prompt-set";

const fromSet = (set: PromptSet): PromptListing => ({
  template: set.id,
  version: set.variants.find((v) => v.name === BASE_VARIANT)?.version ?? set.variants[0]!.version,
  variants: set.variants.map((v) => ({ name: v.name, weight: v.weight, version: v.version })),
});

export function listPrompts(): PromptListing[] {
  return [
    ...bookGenerators.map((g) => fromSet(bookPromptSet(g))),
    ...mangaPromptSets().map(fromSet),
    ...generatorPromptSets().map(fromSet),
    fromSet(criticPrompts),
  ];
}
