/**
 * The browser app's pieces with logic, in plain Node (no browser, no server): the graph by level,
 * the live reducer (resume without double-applying), the upload's file choice and zipping, the
 * run search, and the two dictionaries (same keys, same placeholders).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { unzipSync } from "fflate";
import type { ServerMessage } from "../../workers/protocol/live.ts";
import { aggregateLevel } from "../../web/src/run/graph-levels.ts";
import { initialLiveState, reduceBatch } from "../../web/src/run/live-state.ts";
import { bookFileFrom } from "../../web/src/upload/book-file.ts";
import { matchesSearch } from "../../web/src/pages/run-filter.ts";
import { DICTIONARIES, format } from "../../web/src/i18n/translate.ts";
import { briefRequest, issuesByField } from "../../web/src/brief/brief-request.ts";
import { briefInputSchema } from "../../workers/protocol/brief.ts";

test("the graph aggregates by level and drills down by path", () => {
  const statuses = new Map<string, string>([
    ["split", "done"],
    ["ch01/s01/p01/article", "done"],
    ["ch01/s01/p01/script", "failed"],
    ["ch01/s02/p01/article", "leased"],
    ["ch02/s01/p01/article", "pending"],
    ["ch10/tweets", "done"],
    ["ch02/tweets", "done"],
  ]);
  const top = aggregateLevel(statuses, "");
  assert.deepEqual(
    top.map((r) => [r.key, r.leaf, r.total]),
    [
      ["ch01", false, 3],
      ["ch02", false, 2],
      ["ch10", false, 1],
      ["split", true, 1],
    ],
  );
  assert.deepEqual(top[0]!.counts, { done: 1, failed: 1, leased: 1 });
  const ch01 = aggregateLevel(statuses, "ch01");
  assert.deepEqual(
    ch01.map((r) => [r.path, r.total]),
    [
      ["ch01/s01", 2],
      ["ch01/s02", 1],
    ],
  );
  const unit = aggregateLevel(statuses, "ch01/s01/p01");
  assert.deepEqual(
    unit.map((r) => [r.key, r.leaf, r.status]),
    [
      ["article", true, "done"],
      ["script", true, "failed"],
    ],
  );
});

// Its speed is measured by npm run bench:web (a timed test would only measure this machine's load).
test("a 120,000-node run aggregates to one row per chapter", () => {
  const statuses = new Map<string, string>();
  for (let c = 1; c <= 60; c++)
    for (let s = 1; s <= 30; s++)
      for (let p = 1; p <= 17; p++)
        for (const step of ["article", "script", "script-json", "x", "y"].slice(0, 4))
          statuses.set(`ch${c}/s${s}/p${p}/${step}`, "done");
  assert.ok(statuses.size >= 120_000);
  const rows = aggregateLevel(statuses, "");
  assert.equal(rows.length, 60);
  assert.ok(rows.every((row) => row.total === 30 * 17 * 4 && row.counts.done === row.total));
  assert.equal(aggregateLevel(statuses, "ch7/s3").length, 17);
});

const progress = {
  total: 3,
  done: 1,
  failed: 0,
  skipped: 0,
  inFlight: 1,
  waitingReview: 0,
  costUsd: 0,
  etaMs: null,
};
const run = {
  id: "wf_1",
  pipeline: "phases",
  status: "running" as const,
  createdAt: 1,
  updatedAt: 1,
  finishedAt: null,
  error: null,
  progress,
};

test("the live reducer applies a snapshot and events, and ignores what a resume replays", () => {
  const snapshot: ServerMessage = { type: "snapshot", seq: 4, run, openReviews: [] };
  const node: ServerMessage = {
    type: "node",
    seq: 5,
    node: { id: "a/b", status: "done", attempt: 1, version: 1 },
  };
  const review: ServerMessage = {
    type: "review",
    seq: 6,
    review: {
      gate: "a/review",
      reviews: "a",
      state: "open",
      version: 1,
      versions: [1],
      preview: "x",
      truncated: false,
    },
  };
  let state = reduceBatch(initialLiveState(), [snapshot, node, review]);
  assert.equal(state.lastSeq, 6);
  assert.equal(state.nodes.get("a/b"), "done");
  assert.equal(state.reviews.size, 1);
  const logLength = state.log.length;
  // A reconnect that replays seq 5 and 6 changes nothing.
  state = reduceBatch(state, [node, review]);
  assert.equal(state.log.length, logLength);
  const closed: ServerMessage = {
    type: "review",
    seq: 7,
    review: {
      gate: "a/review",
      reviews: "a",
      state: "closed",
      version: 1,
      versions: [1],
      preview: "x",
      truncated: false,
      resolution: "approve",
    },
  };
  state = reduceBatch(state, [closed]);
  assert.equal(state.reviews.size, 0);
  assert.deepEqual(state.lastResolution, { gate: "a/review", action: "approve" });
  assert.equal(state.log[0]!.text, "a/review: closed (approve)");
});

test("a refused review action is kept by gate until that gate's next review message", () => {
  const refused = (gate?: string): ServerMessage => ({
    type: "error",
    seq: 3,
    error: { code: "validation_failed", message: "No.", details: { issues: [] }, ...(gate ? { gate } : {}) },
  });
  let state = reduceBatch(initialLiveState(), [refused("a/review"), refused()]);
  assert.deepEqual(state.refusals.get("a/review"), {
    id: 1,
    code: "validation_failed",
    message: "No.",
    details: { issues: [] },
  });
  assert.equal(state.refusals.size, 1, "an error about no gate is only logged");
  assert.deepEqual(
    state.log.map((l) => l.kind),
    ["error", "error"],
  );
  state = reduceBatch(state, [refused("a/review")]);
  assert.equal(state.refusals.get("a/review")!.id, 2, "each refusal is new");
  const reopened: ServerMessage = {
    type: "review",
    seq: 4,
    review: {
      gate: "a/review",
      reviews: "a",
      state: "open",
      version: 2,
      versions: [1, 2],
      preview: "x",
      truncated: false,
    },
  };
  state = reduceBatch(state, [reopened]);
  assert.equal(state.refusals.size, 0);
});

test("the upload sends a zip or one Markdown file as is, and zips several Markdown files in order", async () => {
  const md = (name: string, text: string) => new File([text], name, { type: "text/markdown" });
  const one = await bookFileFrom([md("book.md", "# A")]);
  assert.ok(one.ok && one.file.name === "book.md");
  assert.deepEqual(await bookFileFrom([]), { ok: false, reason: "empty" });
  assert.deepEqual(await bookFileFrom([new File(["x"], "a.pdf")]), { ok: false, reason: "type" });
  assert.deepEqual(await bookFileFrom([new File(["x"], "a.zip"), md("b.md", "x")]), {
    ok: false,
    reason: "mixed",
  });
  const many = await bookFileFrom([
    md("10-end.md", "# End"),
    md("2-middle.md", "# Middle"),
    md("1-start.md", "# Start"),
  ]);
  assert.ok(many.ok);
  const entries = unzipSync(new Uint8Array(await many.file.arrayBuffer()));
  assert.deepEqual(Object.keys(entries), ["1-start.md", "2-middle.md", "10-end.md"]);
  assert.equal(new TextDecoder().decode(entries["2-middle.md"]), "# Middle");
});

test("run search matches every word in title, id or pipeline", () => {
  const row = {
    id: "wf_abc",
    pipeline: "book",
    status: "running",
    title: "Rust Handbook",
    nodes: { total: 1, done: 0, failed: 0 },
    costUsd: 0,
    createdAt: 0,
    updatedAt: 0,
    finishedAt: null,
  };
  assert.ok(matchesSearch(row, "rust book"));
  assert.ok(matchesSearch(row, "  WF_ABC "));
  assert.ok(!matchesSearch(row, "rust manga"));
});

test("Japanese and English have the same keys and the same placeholders", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  assert.deepEqual(Object.keys(DICTIONARIES.ja).sort(), Object.keys(DICTIONARIES.en).sort());
  for (const [key, text] of Object.entries(DICTIONARIES.en)) {
    const ja = DICTIONARIES.ja[key as keyof typeof DICTIONARIES.ja];
    assert.deepEqual(placeholders(ja), placeholders(text), key);
    assert.notEqual(ja.trim(), "", key);
  }
  assert.equal(format("{n} of {total}", { n: 2, total: 3 }), "2 of 3");
});

test("a brief form becomes a page or program request the pipelines' schema accepts", () => {
  const body = briefRequest({
    kind: "program",
    brief: "  A function that adds two numbers.  ",
    title: " ",
    knowledgeDocs: "doc_a, doc_b  doc_c",
    mode: "auto",
  });
  assert.deepEqual(body, {
    pipeline: "program",
    input: { brief: "A function that adds two numbers.", knowledgeDocs: ["doc_a", "doc_b", "doc_c"] },
    options: { mode: "auto" },
  });
  assert.ok(briefInputSchema.safeParse(body.input).success);
  // A refused start's issues go to the field they name; the rest stays the form's.
  const { fields, rest } = issuesByField({
    issues: [
      { path: "input.brief", message: "too short", code: "too_small" },
      { path: "input.knowledgeDocs.3", message: "too long", code: "too_big" },
      { path: "options.mode", message: "bad", code: "invalid_value" },
    ],
  });
  assert.deepEqual(fields, [
    ["brief", "too short"],
    ["knowledgeDocs", "too long"],
  ]);
  assert.deepEqual(
    rest.map((i) => i.path),
    ["options.mode"],
  );
  assert.deepEqual(issuesByField(null), { fields: [], rest: [] });
});
