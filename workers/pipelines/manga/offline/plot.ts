/**
 * Phase 3 without a model: the story's sentences in order, cut into scenes (one or two a
 * page), the scenes into three acts (a quarter, a half, a quarter), pages given in order.
 */
import type { Characters } from "../schemas/characters";
import type { Concept } from "../schemas/concept";
import type { Plot, Scene } from "../schemas/plot";
import { clip, type StoryFacts } from "./story-facts";

export function offlinePlot(facts: StoryFacts, concept: Concept, cast: Characters, pages: number): Plot {
  const ja = facts.language === "ja";
  const sentences = facts.sentences;
  const sceneCount = Math.max(3, Math.min(pages, sentences.length));
  const scenes: Scene[] = [];
  for (let i = 0; i < sceneCount; i++) {
    const from = Math.floor((i * sentences.length) / sceneCount);
    const to = Math.max(from + 1, Math.floor(((i + 1) * sentences.length) / sceneCount));
    const part = sentences.slice(from, to);
    const text = part.join(" ");
    const setting =
      facts.settings.find((s) => text.includes(s.word))?.label ??
      scenes.at(-1)?.setting ??
      concept.settings[0]!.name;
    const firstPage = Math.floor((i * pages) / sceneCount) + 1;
    const lastPage = Math.max(firstPage, Math.floor(((i + 1) * pages) / sceneCount));
    scenes.push({
      id: `s${i + 1}`,
      summary: clip(part[0] ?? text, 900),
      setting,
      characters: cast.characters.filter((c) => text.includes(c.name)).map((c) => c.id),
      beats: part.slice(0, 12).map((s) => clip(s, 480)),
      pages: Array.from({ length: lastPage - firstPage + 1 }, (_, k) => firstPage + k),
    });
  }
  const act1 = Math.max(1, Math.round(sceneCount / 4));
  const act3 = Math.max(1, Math.round(sceneCount / 4));
  const titles = ja ? ["発端", "展開", "結末"] : ["Setup", "Confrontation", "Resolution"];
  const cuts = [
    scenes.slice(0, act1),
    scenes.slice(act1, sceneCount - act3),
    scenes.slice(sceneCount - act3),
  ];
  return { acts: cuts.map((list, i) => ({ act: i + 1, title: titles[i]!, scenes: list })) };
}
