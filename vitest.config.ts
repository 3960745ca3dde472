import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { readdirSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { mediaWorkerModules } from "./scripts/lib/media-worker.ts";

// Every test runs inside workerd against the real wrangler.toml bindings (D1, R2, Queues,
// Durable Objects); the real migrations are applied by test/support/apply-migrations.ts.
// The fake provider upstream (a Node HTTP server started by globalSetup) is handed to the tests
// as FAKE_UPSTREAM_URL, a test-only binding like TEST_MIGRATIONS; provider keys stay unset so
// the default (offline) provider applies unless a test points an SDK at the fake.
/** Tests that load the renderers; each gets a workerd of its own (see the projects below). */
const RENDER_TESTS = [
  "test/pipelines/book/outputs-r2.test.ts",
  "test/pipelines/book/render-figure.test.ts",
  "test/media/render/image-to-png.test.ts",
  "test/media/render/mermaid-to-svg.test.ts",
  "test/media/thumbnail/render-thumbnail.test.ts",
  "test/media/manga/render-manga.test.ts",
  "test/pipelines/manga/manga-run.test.ts",
  "test/pipelines/manga/manga-skip-panels.test.ts",
  "test/pipelines/agent-mode-runs.test.ts",
  // Whole manga runs, to see the prompt variants they record.
  "test/api/routes/prompts.test.ts",
  // The generators load acorn / parse5 and the sandbox's isolates: run side by side in the shared
  // workerd, the files after them failed with "Message is too large" (1009), like the renderers.
  "test/sandbox/run-in-sandbox.test.ts",
  "test/pipelines/program/program-run.test.ts",
  "test/pipelines/page/page-run.test.ts",
  // Adding a document loads the Markdown and HTML readers (mdast, parse5/hast) on first use.
  "test/knowledge/knowledge-base.test.ts",
];

/**
 * Tests that sign people in: the Worker then loads Better Auth (workers/auth/better-auth.ts), and
 * the shared workerd failed the next file with "Message is too large", as with the renderers.
 */
const AUTH_TESTS = [
  "test/auth/sessions.test.ts",
  "test/auth/team-roles.test.ts",
  "test/auth/team-deletion.test.ts",
  "test/auth/team-switch.test.ts",
];

/** Folders whose tests run elsewhere: in Node, against wrangler dev, or in projects below. */
const NOT_PLATFORM = [
  "test/e2e/",
  "test/web/",
  "test/engine/graph/",
  "test/lint/",
  "test/ops/",
  "test/scale/",
  "test/faults/",
  "test/cli/",
  "test/alerts/",
  "test/media/manga/",
];

/** Every other test file under test/, each run in a workerd of its own. */
function platformFiles(dir = "test"): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return NOT_PLATFORM.includes(`${path}/`) ? [] : platformFiles(path);
      return path.endsWith(".test.ts") ? [path] : [];
    })
    .filter((file) => !RENDER_TESTS.includes(file) && !AUTH_TESTS.includes(file))
    .sort();
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  const workerd = () =>
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          FAKE_UPSTREAM_URL: inject<string>("fakeUpstreamUrl"),
          // Metrics leave an isolate 1 s after a request in production; tests need not wait that long.
          METRICS_FLUSH_MS: "10",
        },
        // The renderers' Worker (wrangler.media.toml), target of wrangler.toml's MEDIA binding,
        // from the bundle test/support/media-worker-setup.ts builds before the tests.
        workers: [
          {
            name: "tsumugi-media",
            modules: mediaWorkerModules(),
            compatibilityDate: "2026-11-01",
            compatibilityFlags: ["nodejs_compat"],
          },
        ],
      },
    }));
  const setupFiles = ["./test/support/apply-migrations.ts", "./test/support/preload-lazy-modules.ts"];
  return {
    test: {
      // Book runs load the Mermaid renderer inside the Worker under test; afterwards the shared
      // workerd of the pool fails the next file with "Message is too large" (vitest-plugin 1.5).
      // Giving those runs a project — and so a workerd — of their own keeps the rest unaffected.
      // The graph rules (workers/engine/graph) are pure: their unit tests run in Node on
      // node:sqlite, without workerd. test/web and test/faults run in Node against wrangler dev
      // (`npm run test:web`, `npm run test:faults`), not here.
      projects: [
        // One workerd per file: since the generators merged (2026-12-02), the second file run in a
        // shared workerd failed to start with "Message is too large" (1009) whatever the two files
        // were (vitest-plugin 1.5; the message Node sends the runtime outgrew its limit; the root
        // cause was not found in time). `--project 'platform:*'` selects them all.
        ...platformFiles().map((file) => ({
          extends: true as const,
          plugins: [workerd()],
          test: { name: `platform:${file.slice("test/".length)}`, include: [file], setupFiles },
        })),
        {
          extends: true,
          plugins: [workerd()],
          test: { name: "book-e2e", include: ["test/e2e/**/*.test.ts"], setupFiles },
        },
        // Each file that loads the renderers (resvg, Mermaid, the thumbnail font) runs in a workerd
        // of its own: in a shared one, the file after it failed to load with "Message is too
        // large" (vitest-plugin 1.5; root cause not found). A project per file keeps them apart.
        ...RENDER_TESTS.map((file) => ({
          extends: true as const,
          plugins: [workerd()],
          test: { name: `render:${file.split("/").pop()}`, include: [file], setupFiles },
        })),
        ...AUTH_TESTS.map((file) => ({
          extends: true as const,
          plugins: [workerd()],
          test: { name: `auth:${file.split("/").pop()}`, include: [file], setupFiles },
        })),
        // Whole books of 300 files, 500 units in a chapter, 1,000 chapters: minutes of workerd time
        // and memory that must not be shared with (or slow down) the other projects.
        {
          extends: true,
          plugins: [workerd()],
          test: { name: "book-scale", include: ["test/scale/**/*.test.ts"], setupFiles },
        },
        {
          extends: true,
          test: {
            name: "engine-unit",
            include: ["test/engine/graph/**/*.test.ts", "test/lint/**/*.test.ts", "test/ops/**/*.test.ts"],
            environment: "node",
            // node:sqlite is stable enough for tests; its ExperimentalWarning is noise in every run.
            execArgv: ["--no-warnings=ExperimentalWarning"],
          },
        },
        // The manga media library is pure (layout, lettering, SVG art, ComicInfo, PDF): Node is
        // enough and much faster; only the file that rasterises with resvg runs in workerd.
        {
          extends: true,
          test: {
            name: "manga-unit",
            include: ["test/media/manga/**/*.test.ts"],
            exclude: RENDER_TESTS,
            environment: "node",
          },
        },
      ],
      globalSetup: [
        "./test/support/media-worker-setup.ts",
        "./test/support/global-setup.ts",
        "./test/support/corpus-global-setup.ts",
        "./test/support/fake-upstream-setup.ts",
        "./test/support/quiet-runtime-logs.ts",
      ],
      // Render-heavy tests (Mermaid, resvg, whole books) take seconds on a busy 2-core machine;
      // the 5 s default made them time out under load and crash the shared pool after them.
      testTimeout: 30_000,
      // The Worker writes an info line per request, step and provider call (observability/log.ts):
      // thousands in a run of the suite. Kept out of the report; warnings and errors still show.
      onConsoleLog: (line: string, type: "stdout" | "stderr") =>
        !(type === "stdout" && line.startsWith('{"level":"info"')),
      // The JSON report lets .ci/run print a plain "N passed, N failed" summary line.
      reporters: ["default", "json"],
      outputFile: { json: "./test-results.json" },
    },
  };
});
