/** The layering rules of eslint.config.js bite: an upward import fails lint, a downward one does not. */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layers only point down", () => {
  it.each([
    ["workers/providers/example.ts", `import { ApiError } from "../api/errors";`],
    ["workers/pipelines/book/example.ts", `import { ApiError } from "../../api/errors";`],
    ["workers/engine/example.ts", `import { findPipeline } from "../pipelines/registry";`],
    [
      "durable-objects/workflow-run/example.ts",
      `import { findPipeline } from "../../workers/pipelines/registry";`,
    ],
    ["workers/media/example.ts", `import { runStub } from "../engine/run-stub";`],
    ["web/src/example.ts", `import { RunGraph } from "../../workers/engine/graph";`],
    ["workers/protocol/example.ts", `import { RunGraph } from "../engine/graph";`],
  ])("refuses an upward import in %s", async (filePath, source) => {
    expect(await layerErrors(filePath, `${source}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it.each([
    ["workers/api/routes/example.ts", `import { runStub } from "../../engine/run-stub";`],
    ["durable-objects/workflow-run/example.ts", `import { RunGraph } from "../../workers/engine/graph";`],
    ["workers/pipelines/example.ts", `import { sha256Hex } from "../crypto/sha256";`],
    ["web/src/example.ts", `import { serverMessageSchema } from "../../workers/protocol/live.ts";`],
  ])("allows a downward import in %s", async (filePath, source) => {
    expect(await layerErrors(filePath, `${source}\nexport const x = 1;\n`)).toEqual([]);
  });
});
