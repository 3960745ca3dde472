/**
 * X (Twitter) weighted tweet length, following twitter-text's v3 configuration: a post may weigh
 * 280; characters in the ranges below weigh 1, every other character (CJK, most symbols) weighs
 * 2, an emoji sequence weighs 2 however many code points it has, and every URL weighs 23
 * whatever its length (t.co wrapping). Text is NFC-normalised first, as X does.
 */
export const MAX_TWEET_WEIGHT = 280;
const URL_WEIGHT = 23;

// twitter-text config v3 "ranges" with weight 100 (i.e. 1 character); the default weight is 200.
const LIGHT_RANGES: [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const URL = /\bhttps?:\/\/[^\s\u3000-\u303f\uff01-\uff5e]+/giu;
const EMOJI =
  /\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*/gu;

function charWeight(codePoint: number): number {
  return LIGHT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to) ? 1 : 2;
}

/**
 * @example
 * tweetLength("hello");                        // 5
 * tweetLength("こんにちは");                   // 10
 * tweetLength("see https://example.com/a/b/c"); // 4 + 23
 */
export function tweetLength(text: string): number {
  let weight = 0;
  const rest = text
    .normalize("NFC")
    .replace(URL, () => {
      weight += URL_WEIGHT;
      return "";
    })
    .replace(EMOJI, () => {
      weight += 2;
      return "";
    });
  for (const char of rest) weight += charWeight(char.codePointAt(0) ?? 0);
  return weight;
}

export function fitsInTweet(text: string): boolean {
  return tweetLength(text) <= MAX_TWEET_WEIGHT;
}
