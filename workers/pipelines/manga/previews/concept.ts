/** Phase 1's preview: a concept card. */
import type { ReviewView } from "../../../engine/step-catalog";
import type { Concept } from "../schemas/concept";

export function conceptView(c: Concept): ReviewView {
  return {
    kind: "manga.concept-card",
    title: c.title,
    sections: [
      { heading: "Logline", lines: [c.logline] },
      { heading: "Theme · genre · tone", lines: [c.theme, c.genre, c.tone] },
      { heading: "Settings", lines: c.settings.map((s) => `${s.name} — ${s.description}`) },
      { heading: "Audience · visual style", lines: [c.audience, c.visualStyle] },
    ],
    images: [],
  };
}
