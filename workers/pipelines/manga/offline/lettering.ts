/**
 * Phase 6 without a model: the storyboard's quoted lines become speech balloons for the panel's
 * first character; a panel without lines gets a caption from its action (narration) and an
 * exclamation gets a sound effect.
 */
import type { Lettering } from "../schemas/lettering";
import type { Storyboard } from "../schemas/storyboard";
import { clip } from "./story-facts";

const SFX = { ja: ["ドン", "ザッ", "バッ"], en: ["BAM", "WHOOSH", "THUD"] };

export function offlineLettering(board: Storyboard, language: "ja" | "en"): Lettering["panels"] {
  return board.pages.flatMap((page) =>
    page.panels.map((panel, i) => {
      const items: Lettering["panels"][number]["items"] = panel.lines.map((line) => ({
        kind: "speech" as const,
        text: clip(line.text, language === "ja" ? 40 : 90),
        ...(line.speaker ? { speakerId: line.speaker } : {}),
      }));
      if (items.length === 0 && panel.action)
        items.push({ kind: "caption", text: clip(panel.action, language === "ja" ? 36 : 80) });
      if (/[!！]/.test(panel.action)) items.push({ kind: "sfx", text: SFX[language][(page.page + i) % 3]! });
      return { panelId: panel.id, items };
    }),
  );
}
