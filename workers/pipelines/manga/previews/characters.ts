/** Phase 2's preview: the character sheets with each character's description. */
import type { PreviewAt, ReviewView } from "../../../engine/step-catalog";
import { artifactUrl } from "../keys";
import type { Characters } from "../schemas/characters";

export function charactersView(out: Characters, at: PreviewAt): ReviewView {
  return {
    kind: "manga.character-sheets",
    title: `${out.characters.length} characters`,
    sections: out.characters.map((c) => ({
      heading: `${c.name} (${c.id}) — ${c.role}`,
      lines: [
        c.personality,
        `hair: ${c.appearance.hair}`,
        `eyes: ${c.appearance.eyes}`,
        `build: ${c.appearance.build}`,
        `outfit: ${c.appearance.outfit}`,
        `palette: ${Object.values(c.appearance.palette).join(" ")}`,
      ],
    })),
    images: out.characters.flatMap((c) =>
      c.sheet
        ? [
            {
              url: artifactUrl(at.runId, c.sheet.key),
              caption: c.name,
              target: c.id,
              width: c.sheet.width,
              height: c.sheet.height,
            },
          ]
        : [],
    ),
  };
}
