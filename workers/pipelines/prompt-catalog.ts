/**
 * Every prompt template the pipelines use, with its version and A/B variants (GET /v1/prompts).
 * Templates without variants list one, `base`.
 */
import type { PromptListing } from "../protocol/prompts";
import { bookGenerators, getBookPrompt } from "./book/prompts";
import { criticPrompts } from "./critic/critic-prompts";
import { mangaPromptVersions } from "./manga/prompts";
import { BASE_VARIANT, type PromptSet } from "./prompt-set";

const single = (template: string, version: string): PromptListing => ({
  template,
  version,
  variants: [{ name: BASE_VARIANT, weight: 1, version }],
});

const fromSet = (set: PromptSet): PromptListing => ({
  template: set.id,
  version: set.variants.find((v) => v.name === BASE_VARIANT)?.version ?? set.variants[0]!.version,
  variants: set.variants.map((v) => ({ name: v.name, weight: v.weight, version: v.version })),
});

export function listPrompts(): PromptListing[] {
  return [
    ...bookGenerators.map((g) => single(`book/${g}`, getBookPrompt(g).version)),
    ...mangaPromptVersions().map(({ generator, version }) => single(`manga/${generator}`, version)),
    fromSet(criticPrompts),
  ];
}
