import { describe, expect, it } from "vitest";
import { textForModels } from "../../../../workers/pipelines/book/split/model-text.ts";

describe("textForModels", () => {
  it("drops heading ids and GitBook / Honkit template tags from prose", () => {
    const text = '## Setup {#setup}\n\n{% hint style="info" %}\nRun it on {{ book.os }}.\n{% endhint %}\n';
    expect(textForModels(text)).toBe("## Setup\n\n\nRun it on .\n\n");
  });

  it("keeps code as written: fences, inline code and mdBook directives", () => {
    const text = [
      "Use `{{ count }}` in a template:",
      "",
      "```vue",
      "<p>{{ count }}</p>",
      "{% raw %}",
      "```",
      "",
      "{{#include ../listings/a.rs}}",
      "## Not an id {#x} inside",
    ].join("\n");
    expect(textForModels(text)).toBe(text);
  });
});
