import { describe, expect, it } from "vitest";
import { fitsInTweet, tweetLength } from "../../../workers/pipelines/book/tweet-length.ts";

describe("tweetLength (X weighted length)", () => {
  it("counts Latin text as 1 and CJK as 2", () => {
    expect(tweetLength("hello")).toBe(5);
    expect(tweetLength("こんにちは")).toBe(10);
    expect(tweetLength("Rustの所有権")).toBe(4 + 8);
    expect(tweetLength("「」。、")).toBe(8);
  });

  it("counts any URL as 23", () => {
    expect(tweetLength("read https://example.com/a/very/long/path?with=query")).toBe(5 + 23);
    expect(tweetLength("詳しくはhttps://example.com/x")).toBe(8 + 23);
  });

  it("counts an emoji sequence as 2", () => {
    expect(tweetLength("👍")).toBe(2);
    expect(tweetLength("👨‍👩‍👧")).toBe(2);
    expect(tweetLength("ok👍🏽")).toBe(4);
  });

  it("puts the limit at 280 weighted characters", () => {
    expect(fitsInTweet("a".repeat(280))).toBe(true);
    expect(fitsInTweet("a".repeat(281))).toBe(false);
    expect(fitsInTweet("あ".repeat(140))).toBe(true);
    expect(fitsInTweet("あ".repeat(141))).toBe(false);
  });
});
