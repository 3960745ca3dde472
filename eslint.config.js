import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", ".wrangler/", "web/dist/", "worker-configuration.d.ts", "migrations/", "out/"],
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
    // it may import zod and its own files, nothing else.
    files: ["workers/protocol/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(?!zod$|\\./)", message: "workers/protocol imports only zod and itself" }] },
      ],
    },
  },
  {
    // Lower layers never import the API: it maps their errors (workers/api/errors.ts).
    files: ["workers/providers/**/*.ts", "workers/pipelines/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/api/*", "**/api"],
              message: "the API imports providers and pipelines, not the reverse",
            },
          ],
        },
      ],
    },
  },
);
