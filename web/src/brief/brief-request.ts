/**
 * The brief form's values → the POST /v1/workflows body that starts a `page` or `program` run, and
 * a refused start's field issues → the form field each belongs to.
 */
import type { BriefPipeline } from "../../../workers/protocol/brief.ts";
import { fieldIssueSchema, type FieldIssue } from "../../../workers/protocol/errors.ts";
import type { RunMode } from "../../../workers/protocol/workflows.ts";

export type BriefForm = {
  kind: BriefPipeline;
  brief: string;
  title: string;
  /** Document ids separated by spaces or commas, as typed. */
  knowledgeDocs: string;
  mode: RunMode;
};

export type BriefField = "brief" | "title" | "knowledgeDocs";

export function knowledgeIds(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

export function briefRequest(form: BriefForm) {
  const title = form.title.trim();
  const knowledgeDocs = knowledgeIds(form.knowledgeDocs);
  return {
    pipeline: form.kind,
    input: {
      brief: form.brief.trim(),
      ...(title ? { title } : {}),
      ...(knowledgeDocs.length ? { knowledgeDocs } : {}),
    },
    options: { mode: form.mode },
    ...(title ? { title } : {}),
  };
}

/**
 * A 400's `details.issues` sorted by the field they are about (`input.brief` → brief; the run's
 * own `title` → title); anything else is the form's as a whole.
 */
export function issuesByField(details: unknown): { fields: [BriefField, string][]; rest: FieldIssue[] } {
  const list = fieldIssueSchema.array().safeParse((details as { issues?: unknown } | null)?.issues);
  const fields: [BriefField, string][] = [];
  const rest: FieldIssue[] = [];
  for (const issue of list.success ? list.data : []) {
    const top = issue.path.replace(/^input\./, "").split(".")[0];
    if (top === "brief" || top === "title" || top === "knowledgeDocs") fields.push([top, issue.message]);
    else rest.push(issue);
  }
  return { fields, rest };
}
