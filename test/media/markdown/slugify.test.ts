import { describe, expect, it } from "vitest";
import { slugify } from "../../../workers/media/markdown/slugify";

describe("slugify", () => {
  it("keeps Latin titles as ASCII words", () => {
    expect(slugify("The `String` Type")).toBe("the-string-type");
    expect(slugify("Café au lait")).toBe("cafe-au-lait");
  });

  it("keeps Japanese titles readable instead of a generic word", () => {
    expect(slugify("概要・はじめに", "section")).toBe("概要-はじめに");
    expect(slugify("データベースの設計", "chapter")).toBe("データベースの設計");
    // Voiced kana survive the accent stripping whole (が, not か + ゛).
    expect(slugify("ガイド", "chapter")).toBe("ガイド");
    expect(slugify("あなたの書いたJavaScript")).toBe("あなたの書いたjavascript");
  });

  it("cuts long titles by characters and falls back only without letters or digits", () => {
    expect(Array.from(slugify("長".repeat(100))).length).toBe(48);
    expect(slugify("？！…", "section")).toBe("section");
  });
});
