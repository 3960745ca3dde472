import { describe, expect, it } from "vitest";
import { splitBook } from "../../../../workers/pipelines/book/split/split-book.ts";

// DESIGN.md: a 1,000-chapter book must not break a 128 MB isolate. Files are parsed one chapter
// at a time (syntax trees are dropped), so only the texts and the model stay in memory.
describe("a 1,000-chapter book", () => {
  it("splits into 4,000 units with every file conserved", { timeout: 120_000 }, () => {
    const encoder = new TextEncoder();
    const files = new Map<string, Uint8Array>();
    const texts = new Map<string, string>();
    const paragraph = "所有権はメモリ管理の規則です。Ownership is a set of rules. ".repeat(8);
    let summary = "# Summary\n\n";
    for (let i = 1; i <= 1000; i++) {
      const path = `src/ch${i}.md`;
      summary += `- [第${i}章](ch${i}.md)\n`;
      let text = `# 第${i}章\n\n`;
      for (let s = 1; s <= 4; s++) {
        text += `## 節 ${s}\n\n${paragraph}\n\n\`\`\`rust\nfn main() { println!("{}", ${s}); }\n\`\`\`\n\n`;
      }
      texts.set(path, text);
      files.set(path, encoder.encode(text));
    }
    files.set("src/SUMMARY.md", encoder.encode(summary));
    const book = splitBook({ kind: "zip", name: "big.zip", files });
    expect(book.format).toBe("mdbook");
    expect(book.chapters).toHaveLength(1000);
    expect(book.chapters.at(-1)?.id).toBe("ch1000");
    const units = book.chapters.flatMap((chapter) => chapter.sections.flatMap((section) => section.units));
    expect(units).toHaveLength(4000);
    const joined = new Map<string, string>();
    for (const unit of units) joined.set(unit.path, (joined.get(unit.path) ?? "") + unit.source);
    expect(joined).toEqual(texts);
  });
});
