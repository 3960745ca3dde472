/** What a reviewer sees at the program's gates: the spec as a card; the code with its test results and diff. */
import type { ReviewView } from "../../engine/step-catalog";
import type { ProgramCode, ProgramSpec } from "./schemas";

export function specView(spec: ProgramSpec): ReviewView {
  return {
    kind: "program.spec",
    title: spec.title,
    sections: [
      { heading: "Summary", lines: [spec.summary] },
      ...spec.modules.map((m) => ({
        heading: m.path,
        lines: [m.purpose, ...m.exports.map((e) => `${e.signature} — ${e.description}`)],
      })),
      { heading: "Tests must show", lines: spec.behaviours },
      { heading: "Assumptions", lines: spec.assumptions },
      ...(spec.sources.length
        ? [{ heading: "Sources", lines: spec.sources.map((s) => `${s.title} (${s.docId} #${s.chunk})`) }]
        : []),
    ],
    images: [],
  };
}

const ICON = { passed: "✓", failed: "✗", timeout: "⏱", network_refused: "⛔" } as const;

export function codeView(code: ProgramCode): ReviewView {
  const { report } = code;
  return {
    kind: "program.code",
    title: `${code.status === "passing" ? "All tests pass" : "Tests still failing"}: ${report.passed}/${report.passed + report.failed}`,
    sections: [
      {
        heading: "Test results (sandbox)",
        lines: report.error
          ? [`sandbox error: ${report.error}`]
          : report.results.map(
              (r) =>
                `${ICON[r.status]} ${r.file} › ${r.name} — ${r.status}${r.status === "passed" ? "" : `: ${r.output.split("\n").pop()}`}`,
            ),
      },
      {
        heading: "Fix rounds",
        lines: code.rounds.map(
          (r) =>
            `round ${r.round}: ${r.passed} passed, ${r.failed} failed${r.changed.length ? `; changed ${r.changed.join(", ")}` : ""}`,
        ),
      },
      ...code.files.map((f) => ({ heading: f.path, lines: f.content.split("\n") })),
      ...(code.diff ? [{ heading: "Diff against the previous version", lines: code.diff.split("\n") }] : []),
    ],
    images: [],
  };
}
