/**
 * What a reviewer sees at the page's gates. The questions gate is a form: one field per
 * question, `path` naming where its answer goes in an `edit` of the questions output.
 */
import type { ReviewView } from "../../engine/step-catalog";
import type { PageSpec, Questions, Site } from "./schemas";

export function questionsView(q: Questions): ReviewView {
  return {
    kind: "page.questions-form",
    title: "Clarifying questions — answer them (edit) or approve the assumed answers",
    sections: q.questions.map((item, i) => ({
      heading: item.question,
      lines: [
        `${item.assumed ? "Assumed" : "Answer"}: ${item.answer}`,
        `Why it matters: ${item.why}`,
        `field: questions.${i}.answer`,
      ],
    })),
    images: [],
  };
}

export function specView(spec: PageSpec): ReviewView {
  return {
    kind: "page.spec",
    title: spec.title,
    sections: [
      { heading: "Purpose · audience", lines: [spec.purpose, spec.audience] },
      ...spec.pages.map((p) => ({
        heading: `${p.file} — ${p.heading}`,
        lines: p.sections.map((s) => `${s.heading}: ${s.text}`),
      })),
      { heading: "Palette", lines: Object.entries(spec.palette).map(([k, v]) => `${k}: ${v}`) },
      { heading: "Interactions", lines: spec.interactions },
      { heading: "Assumptions", lines: spec.assumptions },
      ...(spec.sources.length
        ? [{ heading: "Sources", lines: spec.sources.map((s) => `${s.title} (${s.docId} #${s.chunk})`) }]
        : []),
    ],
    images: [],
  };
}

export function siteView(site: Site): ReviewView {
  return {
    kind: "page.site",
    title:
      site.status === "clean" ? "Site ready — every check passes" : `${site.problems.length} problem(s) left`,
    sections: [
      { heading: "Preview (sandboxed)", lines: [`${site.previewUrl}index.html`] },
      {
        heading: "Checks",
        lines: site.problems.length
          ? site.problems.map((p) => `${p.file}:${p.line} [${p.rule}] ${p.message}`)
          : ["HTML parses; accessibility lint and links pass"],
      },
      {
        heading: "Fix rounds",
        lines: site.rounds.map(
          (r) =>
            `round ${r.round}: ${r.problems} problem(s)${r.changed.length ? `; changed ${r.changed.join(", ")}` : ""}`,
        ),
      },
      ...site.files.map((f) => ({ heading: f.path, lines: [`${f.content.length} characters`] })),
      ...(site.diff ? [{ heading: "Diff against the previous version", lines: site.diff.split("\n") }] : []),
    ],
    images: [],
  };
}
