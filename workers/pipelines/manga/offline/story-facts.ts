/**
 * What can be read off a story without a model: its sentences, the lines spoken in it, the names
 * of the people in it and the places it happens. The offline provider's answers and the skip
 * fallbacks of every phase are built from these, so an offline manga retells the story's own
 * sentences with its own names. Deterministic: the same story gives the same facts.
 */

export type StoryFacts = {
  language: "ja" | "en";
  sentences: string[];
  /** Names in order of first appearance (most frequent first among ties), at most 6. */
  names: string[];
  /** Setting words found, in order of first appearance. */
  settings: { word: string; label: string }[];
};

const HONORIFIC = /([\p{Script=Han}\p{Script=Katakana}ー]{1,6}?)(さん|くん|君|ちゃん|先生|先輩|様)/gu;
const KATAKANA_WORD = /[\p{Script=Katakana}ー]{2,8}/gu;
const CAPITALISED = /\b[A-Z][a-z]{1,20}\b/g;
const EN_STOPWORDS = new Set(
  "The A An And But Or If When Then She He It They We I You His Her Their Its This That These Those There Here What Who Why How Where One At In On Of For To From With By As After Before Once Every Some No Not Yes Mr Mrs Ms Dr Saint Chapter Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December".split(
    " ",
  ),
);

/** Setting words → a label the art uses for its backgrounds (English, for prompts too). */
const SETTINGS: [RegExp, string][] = [
  [/教室|classroom/i, "school classroom"],
  [/学校|校舎|school/i, "school"],
  [/屋上|rooftop/i, "rooftop"],
  [/駅|ホーム|station|platform/i, "train station"],
  [/電車|train/i, "train"],
  [/海|浜|砂浜|sea|beach|shore/i, "seaside"],
  [/森|林|forest|woods/i, "forest"],
  [/山|mountain/i, "mountain"],
  [/街|町|商店街|street|town|city/i, "town street"],
  [/公園|park/i, "park"],
  [/部屋|家|自宅|room|house|home/i, "room"],
  [/店|喫茶|カフェ|shop|café|cafe/i, "shop"],
  [/川|橋|river|bridge/i, "riverside"],
  [/空|星|sky|stars/i, "sky"],
  [/雨|rain/i, "rain"],
  [/夜|night/i, "night"],
];

/** Quoted speech: 「…」, 『…』, "…" and “…”. */
const QUOTES = /「([^」]{1,200})」|『([^』]{1,200})』|“([^”]{1,200})”|"([^"]{1,200})"/g;

export function quotesIn(sentence: string): string[] {
  return [...sentence.matchAll(QUOTES)]
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim())
    .filter(Boolean);
}

function rank(counts: Map<string, { n: number; first: number }>, min: number): string[] {
  return [...counts.entries()]
    .filter(([, c]) => c.n >= min)
    .sort((a, b) => a[1].first - b[1].first || b[1].n - a[1].n)
    .map(([name]) => name);
}

function count(map: Map<string, { n: number; first: number }>, key: string, at: number): void {
  const c = map.get(key);
  if (c) c.n += 1;
  else map.set(key, { n: 1, first: at });
}

export function namesIn(story: string, language: "ja" | "en"): string[] {
  const counts = new Map<string, { n: number; first: number }>();
  if (language === "ja") {
    for (const m of story.matchAll(HONORIFIC)) count(counts, m[1]!, m.index ?? 0);
    const honorific = rank(counts, 1);
    const katakana = new Map<string, { n: number; first: number }>();
    for (const m of story.matchAll(KATAKANA_WORD)) count(katakana, m[0], m.index ?? 0);
    // Katakana words that recur are often names (loanwords recur too: a tolerable guess offline).
    const more = rank(katakana, 3).filter((k) => !honorific.includes(k));
    return [...honorific, ...more].slice(0, 6);
  }
  for (const m of story.matchAll(CAPITALISED)) {
    const before = story.slice(Math.max(0, (m.index ?? 0) - 2), m.index ?? 0);
    // A capital after a sentence end is only a name if it recurs elsewhere; counted the same.
    if (!EN_STOPWORDS.has(m[0])) count(counts, m[0], (m.index ?? 0) + (/[.!?]\s$/.test(before) ? 1 : 0));
  }
  return rank(counts, 2).slice(0, 6);
}

export function settingsIn(story: string): { word: string; label: string }[] {
  const found: { word: string; label: string; at: number }[] = [];
  for (const [pattern, label] of SETTINGS) {
    const m = pattern.exec(story);
    if (m && !found.some((f) => f.label === label)) found.push({ word: m[0], label, at: m.index });
  }
  return found.sort((a, b) => a.at - b.at).map(({ word, label }) => ({ word, label }));
}

/** A sentence: runs of text and whole quotations (a 。 inside 「…」 does not end it). */
const SENTENCE = /(?:「[^」]*」|『[^』]*』|"[^"\n]*"|“[^”]*”|[^。！？!?.「『"“\n])+(?:[。！？!?.]+|$)/gmu;

export function storySentences(story: string): string[] {
  return (story.replace(/\r\n?/g, "\n").match(SENTENCE) ?? [])
    .map((s) => s.replace(/^[\s#>*-]+/, "").trim())
    .filter((s) => s.length > 1);
}

export function storyFacts(story: string, language: "ja" | "en"): StoryFacts {
  const sentences = storySentences(story);
  return {
    language,
    sentences: sentences.length ? sentences : [story.slice(0, 200)],
    names: namesIn(story, language),
    settings: settingsIn(story),
  };
}

/** A small stable hash (FNV-1a) for deterministic choices. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function pick<T>(items: readonly T[], seed: number): T {
  return items[seed % items.length]!;
}

/** At most `max` characters, cut at a word or character boundary with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
