/**
 * A prompt template with A/B variants: the base pair (`prompts/<id>/{system,message}.md`) and
 * any variants (`prompts/<id>/variants/<name>/{system,message}.md`), each weighted by `weight` in
 * its system.md front matter (default 1). The variant a step uses is a deterministic weighted
 * choice seeded by run and node, so a retried or revised step keeps its variant and the choice
 * can be replayed; what was chosen is recorded with the output (template, version, variant).
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { parseTemplate, renderTemplate, type PromptTemplate } from "./book/prompts";

export const BASE_VARIANT = "base";

export type PromptVariantSource = { system: string; message: string };

export type PromptVariant = {
  name: string;
  weight: number;
  system: PromptTemplate;
  message: PromptTemplate;
  /** "system-version+message-version", as outputs record it. */
  version: string;
};

/** What a rendered prompt records about itself. */
export type PromptProvenance = { template: string; version: string; variant: string };

export type RenderedPrompt = PromptProvenance & { system: string; message: string };

const weightSchema = z.object({ weight: z.number().positive().max(1_000_000).optional() });
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

function weightOf(text: string): number {
  const match = FRONT_MATTER.exec(text);
  const parsed = weightSchema.safeParse(match ? parseYaml(match[1] ?? "") : {});
  return parsed.success ? (parsed.data.weight ?? 1) : 1;
}

/**
 * 32-bit FNV-1a of `seed`, as a number in [0, 1). Not for security: it only has to spread seeds
 * evenly and give the same answer everywhere (no Web Crypto, which is async).
 */
export function seededFraction(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x1_0000_0000;
}

export class PromptSet {
  readonly variants: PromptVariant[];

  constructor(
    /** The template's id, its folder under prompts/ (e.g. `critic`, `manga/concept`). */
    readonly id: string,
    sources: Record<string, PromptVariantSource>,
  ) {
    this.variants = Object.entries(sources)
      .sort(([a], [b]) => (a === BASE_VARIANT ? -1 : b === BASE_VARIANT ? 1 : a.localeCompare(b)))
      .map(([name, raw]) => {
        const where = name === BASE_VARIANT ? id : `${id}/variants/${name}`;
        const system = parseTemplate(raw.system, `${where}/system.md`);
        const message = parseTemplate(raw.message, `${where}/message.md`);
        return {
          name,
          weight: weightOf(raw.system),
          system,
          message,
          version: `${system.version}+${message.version}`,
        };
      });
  }

  /**
   * The variant for `seed` (run id + node id): weighted, the same every time for that seed.
   * `pinned` (a run's `promptVariants` option) wins when it names one of this set's variants.
   */
  choose(seed: string, pinned?: string): PromptVariant {
    const wanted = pinned === undefined ? undefined : this.variants.find((v) => v.name === pinned);
    if (wanted) return wanted;
    const total = this.variants.reduce((sum, v) => sum + v.weight, 0);
    let point = seededFraction(seed) * total;
    for (const variant of this.variants) {
      point -= variant.weight;
      if (point < 0) return variant;
    }
    return this.variants[this.variants.length - 1]!;
  }

  /**
   * @example
   * criticPrompts.render(`${runId}/${nodeId}`, { phase: "plot", … })
   * // { system, message, template: "critic", version: "1.0.0+1.0.0", variant: "strict" }
   */
  render(seed: string, variables: Record<string, string | number>, pinned?: string): RenderedPrompt {
    const variant = this.choose(seed, pinned);
    return {
      system: renderTemplate(variant.system.body, variables),
      message: renderTemplate(variant.message.body, variables),
      template: this.id,
      version: variant.version,
      variant: variant.name,
    };
  }
}

/** Where a step's prompt variant comes from: its run and node (the seed) and the run's pins. */
export type PromptPick = { seed: string; pinned?: Record<string, string> };

/**
 * The pick for one step: seeded by run and node, so a retry or a revision of the same node
 * renders the same variant.
 */
export function promptPick(ctx: {
  run: { id: string; options: { promptVariants?: Record<string, string> } };
  node: { id: string };
}): PromptPick {
  return {
    seed: `${ctx.run.id}/${ctx.node.id}`,
    ...(ctx.run.options.promptVariants ? { pinned: ctx.run.options.promptVariants } : {}),
  };
}

/** Renders `set` for a step's pick. */
export function renderPick(
  set: PromptSet,
  pick: PromptPick,
  variables: Record<string, string | number>,
): RenderedPrompt {
  return set.render(pick.seed, variables, pick.pinned?.[set.id]);
}

/** Only what a step records (StepUsage.prompt, the review stats), without the rendered text. */
export function provenanceOf(p: PromptProvenance): PromptProvenance {
  return { template: p.template, version: p.version, variant: p.variant };
}

/**
 * How a stored file records its prompt: `template@version#variant`, e.g.
 * `manga/storyboard@1.0.0+1.0.0#base` (read back by parseProvenance).
 */
export function formatProvenance(p: PromptProvenance): string {
  return `${p.template}@${p.version}#${p.variant}`;
}

/** Reads `template@version#variant` (or an older `template@version`, variant `base`). */
export function parseProvenance(text: string): PromptProvenance | null {
  const match = /^([^@]+)@([^#]+)(?:#(.+))?$/.exec(text);
  if (!match) return null;
  return { template: match[1]!, version: match[2]!, variant: match[3] ?? BASE_VARIANT };
}
