/**
 * `manga` — a story becomes manga pages in seven phases, each behind a review gate:
 * story → concept → characters → plot → storyboard → images → lettering → final.
 * In `dialog` mode (the run option) every gate waits for a person; in `auto` mode each gate is
 * approved as it opens. See README.md in this folder.
 */
import type { NodeSpec } from "../../engine/types";
import type { Pipeline } from "../types";
import { mangaInputSchema, type MangaInput } from "./input";
import { charactersStep } from "./steps/characters";
import { conceptStep } from "./steps/concept";
import { finalStep } from "./steps/final";
import { imagesStep } from "./steps/images";
import { letteringStep } from "./steps/lettering";
import { panelImageStep } from "./steps/panel-image";
import { panelsStep } from "./steps/panels";
import { plotStep } from "./steps/plot";
import { storyboardStep } from "./steps/storyboard";
import { storyStep } from "./steps/story";

/** The reviewed phases in order; each node id is its handler name, its gate `<phase>/review`. */
export const MANGA_PHASES = [
  "concept",
  "characters",
  "plot",
  "storyboard",
  "images",
  "lettering",
  "final",
] as const;
export type MangaPhase = (typeof MANGA_PHASES)[number];

const TITLES: Record<MangaPhase, string> = {
  concept: "1 · Concept and world",
  characters: "2 · Characters",
  plot: "3 · Plot",
  storyboard: "4 · Name (storyboard)",
  images: "5 · Scene images",
  lettering: "6 · Dialogue and lettering",
  final: "7 · Final pages",
};

export const gateOf = (phase: MangaPhase) => `${phase}/review`;

function build(input: MangaInput): NodeSpec[] {
  const nodes: NodeSpec[] = [{ id: "story", handler: "story", input, title: "Story" }];
  let previous = "story";
  for (const phase of MANGA_PHASES) {
    if (phase === "images") {
      // One step per panel (spawned by `panels`); `images` joins them once they have all settled.
      nodes.push({ id: "panels", handler: "panels", input: {}, deps: [previous], title: "5 · Panels" });
      previous = "panels";
    }
    nodes.push({ id: phase, handler: phase, input: {}, deps: [previous], title: TITLES[phase] });
    nodes.push({ id: gateOf(phase), kind: "gate", reviews: phase, title: `Review: ${TITLES[phase]}` });
    previous = gateOf(phase);
  }
  return nodes;
}

export const mangaPipeline: Pipeline<MangaInput> = {
  name: "manga",
  description: "A story (Japanese or English) becomes manga pages in 7 reviewed phases",
  inputSchema: mangaInputSchema,
  build,
  title: (input) => `manga: ${input.title ?? input.story.slice(0, 40).replace(/\s+/g, " ")}`,
  handlers: {
    story: storyStep,
    concept: conceptStep,
    characters: charactersStep,
    plot: plotStep,
    storyboard: storyboardStep,
    panels: panelsStep,
    "panel-image": panelImageStep,
    images: imagesStep,
    lettering: letteringStep,
    final: finalStep,
  },
};
