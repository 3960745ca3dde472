/**
 * A run's `promptVariants` pins must name a template and one of its variants: a typo would
 * otherwise fall back to the weighted choice silently, and an A/B comparison the person thinks
 * they pinned would be measuring something else.
 */
import { listPrompts } from "../pipelines/prompt-catalog";
import { ApiError } from "./errors";

export function checkPromptVariants(pins: Record<string, string> | undefined): void {
  if (!pins) return;
  const catalog = new Map(listPrompts().map((p) => [p.template, p.variants.map((v) => v.name)]));
  const issues = Object.entries(pins).flatMap(([template, variant]) => {
    const variants = catalog.get(template);
    if (!variants) return [{ path: `options.promptVariants.${template}`, message: "no such template" }];
    return variants.includes(variant)
      ? []
      : [
          {
            path: `options.promptVariants.${template}`,
            message: `no variant "${variant}"; this template has ${variants.map((v) => `"${v}"`).join(", ")}`,
          },
        ];
  });
  if (issues.length > 0) {
    throw new ApiError(400, "validation_failed", "options.promptVariants names prompts that do not exist", {
      issues,
      templates: [...catalog.keys()],
    });
  }
}
