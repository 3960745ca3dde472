/**
 * Phase 1 without a model (the offline answer and the skip fallback): genre and tone from the
 * story's words, the logline from its opening sentences, settings from its places.
 */
import type { Concept } from "../schemas/concept";
import { clip, pick, type StoryFacts } from "./story-facts";

const GENRES: [RegExp, string, string][] = [
  [/魔法|竜|剣|magic|dragon|sword|spell/i, "fantasy", "ファンタジー"],
  [/宇宙|ロボット|星船|space|robot|planet/i, "science fiction", "SF"],
  [/事件|犯人|探偵|murder|detective|clue/i, "mystery", "ミステリー"],
  [/幽霊|怪|ghost|haunt/i, "supernatural", "怪奇"],
  [/恋|好き|love|kiss/i, "romance", "恋愛"],
  [/学校|教室|先生|school|class/i, "school life", "学園もの"],
];

export function offlineConcept(
  facts: StoryFacts,
  title: string | undefined,
  styleNotes: string | undefined,
  variant: number,
): Concept {
  const ja = facts.language === "ja";
  const text = facts.sentences.join(" ");
  const genre = GENRES.find(([pattern]) => pattern.test(text));
  const exclaims = (text.match(/[!！]/g) ?? []).length;
  const tones = ja ? ["静かで温かい", "切なく穏やか", "爽やか"] : ["quiet and warm", "bittersweet", "bright"];
  const tone =
    exclaims > facts.sentences.length / 4
      ? ja
        ? "賑やかで勢いがある"
        : "lively and energetic"
      : pick(tones, variant);
  const [first = "", second = ""] = facts.sentences;
  const settings = facts.settings.slice(0, 4).map((s) => ({
    name: s.label,
    description: clip(facts.sentences.find((x) => x.includes(s.word)) ?? s.word, 300),
  }));
  return {
    title: title ?? clip(first.replace(/[「」『』"“”]/g, ""), 40),
    logline: clip(`${first}${ja ? "" : " "}${second}`.trim(), 600),
    theme: clip(facts.sentences[Math.floor(facts.sentences.length / 2)] ?? first, 300),
    genre: genre ? (ja ? genre[2] : genre[1]) : ja ? "ドラマ" : "drama",
    tone,
    settings: settings.length
      ? settings
      : [{ name: ja ? "物語の舞台" : "the story's place", description: clip(first, 300) }],
    audience: ja ? "一般（オフライン推定）" : "general readers (offline guess)",
    visualStyle: styleNotes
      ? clip(styleNotes, 300)
      : pick(
          ja
            ? ["白黒、スクリーントーン、すっきりした線画", "白黒、柔らかいトーン、太めの主線"]
            : ["black and white, screentones, clean line art", "black and white, soft tones, bold outlines"],
          variant,
        ),
  };
}
