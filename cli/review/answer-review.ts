/**
 * The terminal review loop of seed 003: show the preview, then approve / revise (feedback written
 * in $EDITOR) / edit (the output as YAML — JSON is YAML too — in $EDITOR, checked by the server
 * against the step's output schema; its errors are shown and the editor opens again on the same
 * text) / skip / back to an earlier gate / select an earlier version, or leave it for later.
 * Answers go over HTTP so a refusal comes back as an error to show, not a message to wait for.
 */
import { editor, confirm, select } from "@inquirer/prompts";
import { parse, stringify } from "yaml";
import { reviewActionSchema, type ReviewAction, type ReviewEvent } from "../../workers/protocol/live.ts";
import { nodeDetailSchema, nodePageSchema, reviewResultSchema } from "../../workers/protocol/workflows.ts";
import { fieldIssueSchema } from "../../workers/protocol/errors.ts";
import { ApiRequestError, type ApiClient } from "../api-client.ts";
import { EXIT } from "../errors.ts";
import { cleanLine } from "../output.ts";
import { showPreview } from "./preview.ts";

export type ReviewContext = {
  client: ApiClient;
  runId: string;
  /** Where pictures of previews are saved. */
  previewDir: string;
  print: (line: string) => void;
  /** Aborts the prompt when the gate is answered elsewhere. */
  signal?: AbortSignal;
};

type Choice = ReviewAction["action"] | "later";

/** Node ids contain slashes: each segment is encoded, the slashes stay. */
export function nodePath(runId: string, kind: "nodes" | "reviews", id: string): string {
  return `/v1/workflows/${runId}/${kind}/${id.split("/").map(encodeURIComponent).join("/")}`;
}

/** Answers one open gate; "later" when the person leaves it open. */
export async function answerReview(ctx: ReviewContext, review: ReviewEvent): Promise<"answered" | "later"> {
  const { signal } = ctx;
  await showPreview(ctx.client, review, ctx.previewDir, ctx.print);
  const earlier = await passedGates(ctx, review.gate);
  for (;;) {
    const choices: { name: string; value: Choice; description?: string }[] = [
      { name: "approve", value: "approve", description: "accept this version and go on" },
      { name: "revise", value: "revise", description: "run the step again with your feedback ($EDITOR)" },
      { name: "edit", value: "edit", description: "change the output yourself ($EDITOR, YAML)" },
      { name: "skip", value: "skip", description: "skip this step" },
    ];
    if (earlier.length > 0)
      choices.push({ name: "back", value: "back", description: "reopen an earlier gate" });
    if (review.versions.length > 1)
      choices.push({
        name: "select version",
        value: "select",
        description: "make an earlier version current",
      });
    choices.push({ name: "later", value: "later", description: "leave the gate open and stop reviewing" });
    const choice = await select<Choice>(
      { message: `Review ${cleanLine(review.reviews)}`, choices },
      { signal },
    );
    let action: ReviewAction | null;
    switch (choice) {
      case "later":
        return "later";
      case "approve":
      case "skip":
        action = { action: choice };
        break;
      case "revise":
        action = await reviseAction(ctx);
        break;
      case "back": {
        const to = await select(
          { message: "Back to which gate?", choices: earlier.map((g) => ({ name: g, value: g })) },
          { signal },
        );
        action = { action: "back", to };
        break;
      }
      case "select": {
        const version = await select(
          {
            message: "Which version?",
            choices: review.versions.map((v) => ({
              name: `version ${v}${v === review.version ? " (current)" : ""}`,
              value: v,
            })),
            default: review.version,
          },
          { signal },
        );
        action = { action: "select", version };
        break;
      }
      case "edit":
        if (await editLoop(ctx, review)) return "answered";
        continue;
    }
    if (action && (await send(ctx, review.gate, action))) return "answered";
  }
}

async function reviseAction(ctx: ReviewContext): Promise<ReviewAction | null> {
  const text = await editor(
    {
      message: "Feedback for the revision",
      default: "",
      postfix: ".md",
      waitForUserInput: false,
    },
    { signal: ctx.signal },
  );
  const feedback = text.trim();
  if (!feedback) {
    ctx.print("No feedback written: nothing sent.");
    return null;
  }
  return { action: "revise", feedback };
}

/** Edits the reviewed output until the server accepts it or the person gives up. */
async function editLoop(ctx: ReviewContext, review: ReviewEvent): Promise<boolean> {
  const node = await ctx.client.json(nodeDetailSchema, nodePath(ctx.runId, "nodes", review.reviews));
  if (node.output === null && node.outputRef) {
    ctx.print(
      "This output is over 64 KB and kept in storage: edit it through the API (POST …/reviews/<gate>).",
    );
    return false;
  }
  const header = `# The output of ${review.reviews} (version ${node.version}) as YAML; JSON works too.\n# Save and close to send it; delete everything to cancel.\n`;
  let text = header + stringify(node.output, { lineWidth: 0 });
  for (;;) {
    const edited = await editor(
      {
        message: `Edit ${cleanLine(review.reviews)}`,
        default: text,
        postfix: ".yaml",
        waitForUserInput: false,
      },
      { signal: ctx.signal },
    );
    const body = edited.replace(/^#.*$/gm, "").trim();
    if (!body) {
      ctx.print("Empty: nothing sent.");
      return false;
    }
    let output: unknown;
    try {
      output = parse(edited);
    } catch (err) {
      ctx.print(`Not valid YAML or JSON: ${cleanLine((err as Error).message)}`);
      if (!(await confirm({ message: "Open the editor again?", default: true }, { signal: ctx.signal })))
        return false;
      text = edited;
      continue;
    }
    const problems = await sendOrIssues(
      ctx,
      review.gate,
      reviewActionSchema.parse({ action: "edit", output }),
    );
    if (problems === null) return true;
    ctx.print("The server refused the edit:");
    for (const line of problems) ctx.print(`  ${line}`);
    if (!(await confirm({ message: "Open the editor again?", default: true }, { signal: ctx.signal })))
      return false;
    // The errors go on top of the person's own text, as comments, replacing earlier ones.
    text = [header, ...problems.map((p) => `# error: ${p}`), "", edited.replace(/^#.*\n?/gm, "")].join("\n");
  }
}

async function send(ctx: ReviewContext, gate: string, action: ReviewAction): Promise<boolean> {
  const problems = await sendOrIssues(ctx, gate, action);
  if (problems === null) return true;
  ctx.print(`The server refused "${action.action}":`);
  for (const line of problems) ctx.print(`  ${line}`);
  return false;
}

/** Sends the action; null when applied, else the server's reasons, one line each. */
async function sendOrIssues(
  ctx: ReviewContext,
  gate: string,
  action: ReviewAction,
): Promise<string[] | null> {
  try {
    const result = await ctx.client.json(reviewResultSchema, nodePath(ctx.runId, "reviews", gate), {
      method: "POST",
      json: action,
    });
    ctx.print(`${action.action}: sent${result.buffered ? " (kept until the gate opens)" : ""}.`);
    return null;
  } catch (err) {
    if (!(err instanceof ApiRequestError) || err.exitCode === EXIT.unreachable) throw err;
    const issues = fieldIssueSchema
      .array()
      .safeParse((err.error.details as { issues?: unknown } | null)?.issues);
    const lines = [cleanLine(err.message)];
    if (issues.success)
      for (const i of issues.data) lines.push(`${cleanLine(i.path)}: ${cleanLine(i.message)}`);
    return lines;
  }
}

/** Gates of this run a person has passed, which `back` may reopen. */
async function passedGates(ctx: ReviewContext, current: string): Promise<string[]> {
  const gates: string[] = [];
  let after = 0;
  for (let page = 0; page < 20; page++) {
    const { nodes, nextAfter } = await ctx.client.json(nodePageSchema, `/v1/workflows/${ctx.runId}/nodes`, {
      query: { after, limit: 500 },
    });
    for (const n of nodes) if (n.kind === "gate" && n.id !== current && n.status === "done") gates.push(n.id);
    if (nextAfter === null) break;
    after = nextAfter;
  }
  return gates;
}
