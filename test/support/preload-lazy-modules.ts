// The Worker loads its queue consumers, and with them the pipelines, on the first batch
// (workers/index.ts, issue 16). Under vitest each module of that graph is transformed on demand
// by the module runner, which on a loaded machine took longer than a test's delivery deadline
// (test/consumer/dead-letters.test.ts: 10 s); in a deployed Worker the same import is a call
// inside the bundle. Loading the graph before each file, as the static import used to, keeps the
// tests timing the queues rather than the test runner's transforms.
await import("../../workers/consumer/registry");
// The HTTP app loads on the first request the same way.
await import("../../workers/app");
export {};
