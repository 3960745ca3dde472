/** Phase 3's preview: the act outline, scenes with their pages and beats. */
import type { ReviewView } from "../../../engine/step-catalog";
import type { Plot } from "../schemas/plot";

export function plotView(plot: Plot): ReviewView {
  return {
    kind: "manga.act-outline",
    title: plot.acts.map((a) => a.title).join(" → "),
    sections: plot.acts.flatMap((act) =>
      act.scenes.map((s) => ({
        heading: `Act ${act.act} · ${s.id} · pages ${s.pages.join(", ")} · ${s.setting}`,
        lines: [s.summary, ...s.beats.map((b) => `– ${b}`)],
      })),
    ),
    images: [],
  };
}
