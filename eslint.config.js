import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Layers only point down: api → (engine, providers, pipelines) → (media, db, crypto). Each entry
 * names the folders a layer must not import; test/lint/layering.test.ts proves the rules bite.
 */
export const LAYERS = [
  {
    files: ["workers/engine/**"],
    deny: ["api", "consumer", "pipelines", "durable-objects", "uploads", "export"],
  },
  { files: ["durable-objects/**"], deny: ["api", "consumer", "pipelines", "uploads", "export"] },
  { files: ["workers/providers/**"], deny: ["api", "consumer", "pipelines", "durable-objects", "engine"] },
  { files: ["workers/pipelines/**"], deny: ["api", "consumer", "durable-objects"] },
  { files: ["workers/consumer/**"], deny: ["api"] },
  {
    files: [
      "workers/media/**",
      "workers/db/**",
      "workers/crypto/**",
      "workers/retry/**",
      "workers/storage/**",
      "workers/sandbox/**",
    ],
    deny: ["api", "consumer", "engine", "pipelines", "providers", "durable-objects", "uploads", "export"],
  },
  {
    // The media Worker's entry also runs the pure text work of the pipelines and the knowledge
    // base whose parsers are too heavy for the main Worker (parse5, acorn, mdast, jsdiff).
    files: ["workers/media/service/**"],
    deny: ["api", "consumer", "engine", "providers", "durable-objects", "uploads", "export"],
  },
  {
    // The command line is a client of the API like the browser app: it shares the wire protocol
    // and nothing else of the Worker.
    files: ["cli/**"],
    deny: [
      "durable-objects",
      "api",
      "consumer",
      "engine",
      "pipelines",
      "providers",
      "db",
      "media",
      "auth",
      "uploads",
      "export",
      "storage",
      "retry",
      "crypto",
      "observability",
    ],
  },
  {
    files: ["web/src/**"],
    deny: ["durable-objects", "api", "consumer", "engine", "pipelines", "providers", "db"],
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".wrangler/",
      "web/dist/",
      "cli/dist/",
      "worker-configuration.d.ts",
      "migrations/",
      "out/",
      // Sample books kept byte for byte as their authors would write them (test/fixtures/book/layouts).
      "test/fixtures/book/layouts/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    // The wire protocol is shared by the Worker, the browser app, the scripts and the tests:
    // it may import zod and its own files, nothing else. Node loads these files as they are (the
    // browser tests, the CLI's tests, the benchmarks), so its own imports name the .ts file.
    files: ["workers/protocol/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(?!zod$|\\./)", message: "workers/protocol imports only zod and itself" },
            {
              regex: "^\\./(?!.*\\.ts$)",
              message: "name the .ts file: Node loads workers/protocol without a bundler",
            },
          ],
        },
      ],
    },
  },
  ...LAYERS.map(({ files, deny }) => ({
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: deny.map((folder) => `**/${folder}/**`),
              message:
                "Layers only point down (api → engine/providers/pipelines → media/db/crypto): docs/architecture.md",
            },
          ],
        },
      ],
    },
  })),
);
