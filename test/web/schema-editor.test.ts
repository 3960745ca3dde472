/**
 * The schema-driven editor's logic in plain Node: controls chosen from a step's JSON Schema (as
 * the server makes it, zod's toJSONSchema of the real manga schemas), empty items, edits at a
 * path, and the client-side check with the same schema giving problems by path.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { charactersSchema } from "../../workers/pipelines/manga/schemas/characters.ts";
import { conceptSchema } from "../../workers/pipelines/manga/schemas/concept.ts";
import {
  checkerFor,
  emptyValue,
  getAt,
  kindOf,
  removeAt,
  resolve,
  setAt,
  type JsonSchema,
} from "../../web/src/review/schema-form/json-schema.ts";

const asJson = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

const concept = {
  title: "海辺の手紙",
  logline: "A girl delivers a forty-year-old letter.",
  theme: "memory",
  genre: "slice of life",
  tone: "warm",
  settings: [{ name: "lighthouse", description: "white, by the sea" }],
  audience: "all ages",
  visualStyle: "soft ink",
};

test("each part of a step's schema gets its control; unions and maps are edited as JSON", () => {
  const schema = asJson(charactersSchema);
  assert.equal(kindOf(schema), "object");
  const characters = resolve(schema.properties!.characters!, schema);
  assert.equal(kindOf(characters), "array");
  const character = resolve(characters.items as JsonSchema, schema);
  assert.equal(kindOf(character), "object");
  assert.equal(kindOf(character.properties!.name!), "string");
  assert.equal(kindOf(character.properties!.appearance!), "object");
  // `sheet` is an object or null: no plain control, so JSON.
  assert.equal(kindOf(character.properties!.sheet!), "json");
  assert.equal(kindOf({ type: "string", enum: ["rtl", "ltr"] }), "enum");
  assert.equal(kindOf({ type: "integer" }), "integer");
  assert.equal(kindOf({ type: "object", additionalProperties: { type: "string" } }), "json");
  assert.equal(kindOf({ anyOf: [{ type: "string" }, { type: "number" }] }), "json");
});

test("a new item starts with its required fields", () => {
  const schema = asJson(conceptSchema);
  const setting = resolve(schema.properties!.settings!, schema).items as JsonSchema;
  assert.deepEqual(emptyValue(setting, schema), { name: "", description: "" });
  assert.deepEqual(emptyValue({ type: "string", enum: ["a", "b"] }, schema), "a");
  assert.equal(emptyValue({ type: "integer", minimum: 1 }, schema), 1);
});

test("edits copy only along their path and remove items by index", () => {
  const edited = setAt(concept, ["settings", 0, "name"], "harbour") as typeof concept;
  assert.equal(edited.settings[0]!.name, "harbour");
  assert.equal(concept.settings[0]!.name, "lighthouse", "the original is untouched");
  assert.equal(edited.theme, concept.theme);
  assert.equal(getAt(edited, ["settings", 0, "description"]), "white, by the sea");
  const fewer = removeAt(edited, ["settings"], 0) as typeof concept;
  assert.deepEqual(fewer.settings, []);
  const without = setAt(concept, ["audience"], undefined) as Record<string, unknown>;
  assert.equal("audience" in without, false);
});

test("the client check uses the same schema and names each problem's path", () => {
  const check = checkerFor(asJson(conceptSchema));
  assert.ok(check);
  assert.equal(check(concept).size, 0);
  const bad = setAt(setAt(concept, ["settings", 0, "name"], ""), ["tone"], 7);
  const problems = check(setAt(bad, ["extra"], true));
  assert.deepEqual([...problems.keys()].sort(), ["(root)", "settings.0.name", "tone"]);
  const missing = check(setAt(concept, ["title"], undefined));
  assert.deepEqual([...missing.keys()], ["title"]);
});
