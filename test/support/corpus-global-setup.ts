/**
 * Runs in Node before the workerd tests: reads the real books in ../shared/corpus and the seed
 * documents in ../shared/seeds (and the binary fixtures in test/fixtures/book) and `provide`s them (base64 by relative path), because code
 * inside workerd has no access to the host file system. Tests read them with `inject`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { TestProject } from "vitest/node";

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  // A checkout without ../shared still runs the rest of the suite; corpus tests then skip.
  if (!existsSync(root)) return files;
  for (const path of walk(root)) files[relative(root, path)] = readFileSync(path).toString("base64");
  return files;
}

export default function setup(project: TestProject): void {
  project.provide("bookCorpus", readTree("../shared/corpus"));
  project.provide("bookSeeds", readTree("../shared/seeds"));
  project.provide("bookFixtures", readTree("test/fixtures/book"));
}

declare module "vitest" {
  export interface ProvidedContext {
    bookCorpus: Record<string, string>;
    bookSeeds: Record<string, string>;
    bookFixtures: Record<string, string>;
  }
}
