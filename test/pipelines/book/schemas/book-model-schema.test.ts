import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { Book } from "../../../../workers/pipelines/book/book-model.ts";
import type { bookSchema } from "../../../../workers/pipelines/book/schemas/book-model-schema.ts";
import { parseStoredBook } from "../../../../workers/pipelines/book/schemas/book-model-schema.ts";
import { bookInputFromText } from "../../../../workers/pipelines/book/input/read-book-input.ts";
import { splitBook } from "../../../../workers/pipelines/book/split/split-book.ts";

describe("bookSchema", () => {
  it("round-trips a split book through JSON", () => {
    const book = splitBook(
      bookInputFromText("# 本\n\n## 章\n\n本文。\n\n```mermaid\ngraph TD\n A-->B\n```\n"),
    );
    expect(parseStoredBook(JSON.parse(JSON.stringify(book)))).toEqual(book);
    expect(() => parseStoredBook({ ...book, chapters: "nope" })).toThrow();
  });

  it("matches the model's shape", () => {
    expectTypeOf<Omit<z.infer<typeof bookSchema>, "warnings">>().toEqualTypeOf<Omit<Book, "warnings">>();
  });
});
