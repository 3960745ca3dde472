import { describe, expect, it } from "vitest";
import {
  bookGenerators,
  getBookPrompt,
  parseTemplate,
  PromptTemplateError,
  renderBookPrompt,
  renderTemplate,
  templateVariables,
} from "../../../workers/pipelines/book/prompts.ts";

describe("book prompts", () => {
  it("bundles a system and a message template with id and version for every generator", () => {
    expect(bookGenerators).toHaveLength(11);
    for (const generator of bookGenerators) {
      const prompt = getBookPrompt(generator);
      expect(prompt.system.id).toBe(`book/${generator}/system`);
      expect(prompt.message.id).toBe(`book/${generator}/message`);
      expect(prompt.version).toMatch(/^\d+\.\d+\.\d+\+\d+\.\d+\.\d+$/);
      expect(prompt.system.body).not.toContain("---");
    }
  });

  it("renders with every placeholder filled and fails on a missing one", () => {
    const prompt = getBookPrompt("article");
    const names = [...templateVariables(prompt.system.body), ...templateVariables(prompt.message.body)];
    const variables = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
    const rendered = renderBookPrompt("article", { ...variables, source: "所有権とは" });
    expect(rendered.messages[0]?.content).toContain("所有権とは");
    expect(rendered.system).not.toMatch(/\{\{/);
    expect(rendered.promptId).toBe("book/article");
    expect(() => renderBookPrompt("article", {})).toThrow(PromptTemplateError);
  });

  it("inserts values verbatim, once", () => {
    expect(renderTemplate("a {{x}} b", { x: "{{y}}" })).toBe("a {{y}} b");
  });

  it("rejects templates without valid front matter", () => {
    expect(() => parseTemplate("no front matter", "x.md")).toThrow(PromptTemplateError);
    expect(() => parseTemplate("---\nid: a\nversion: one\n---\nbody", "x.md")).toThrow(PromptTemplateError);
  });
});
