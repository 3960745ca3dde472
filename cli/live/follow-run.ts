/**
 * `watch`, `run` and `review`: follow a run live until it finishes, showing its progress and — in
 * a terminal, when asked — answering its review gates one at a time as they open. Resolves with
 * the run's final summary (its status decides the exit code).
 */
import { join } from "node:path";
import {
  FINAL_RUN_STATUSES,
  type ReviewEvent,
  type RunSummary,
  type ServerMessage,
} from "../../workers/protocol/live.ts";
import { nodePageSchema, workflowDetailSchema } from "../../workers/protocol/workflows.ts";
import type { ApiClient } from "../api-client.ts";
import { CliError, EXIT } from "../errors.ts";
import { answerReview } from "../review/answer-review.ts";
import { RunSocket } from "./run-socket.ts";
import { BarsView, jsonView, plainView, type LiveView } from "./views.ts";

export type FollowOptions = {
  display: "bars" | "plain" | "json";
  /** Answer gates here (needs a terminal on stdin and stdout). */
  review: boolean;
  /** The label of the run's bar. */
  title: string;
  previewDir?: string;
  /**
   * Start from this seq instead of a snapshot: `run` passes 0, so a run that is quicker than the
   * connection is still shown event by event (the log replays from its start).
   */
  since?: number;
  /** Give up after this long without a connection (exit 3). */
  reconnectTimeoutMs?: number;
};

export async function followRun(
  client: ApiClient,
  runId: string,
  options: FollowOptions,
): Promise<RunSummary> {
  const view: LiveView =
    options.display === "json"
      ? jsonView()
      : options.display === "plain"
        ? plainView()
        : new BarsView(options.title);
  const previewDir = options.previewDir ?? join(process.cwd(), "tsumugi-previews", runId);
  const open = new Map<string, ReviewEvent>();
  /** Gates the person chose to leave for later in this session. */
  const deferred = new Set<string>();
  let reviewing: { gate: string; abort: AbortController } | null = null;
  let hinted = false;

  return new Promise<RunSummary>((resolve, reject) => {
    let lostTimer: NodeJS.Timeout | null = null;
    let finished = false;
    const finish = (error: unknown, run?: RunSummary) => {
      if (finished) return;
      finished = true;
      if (lostTimer) clearTimeout(lostTimer);
      reviewing?.abort.abort();
      socket.close();
      view.stop();
      if (run) resolve(run);
      else reject(error);
    };

    const nextReview = async () => {
      if (!options.review || reviewing || finished) return;
      const review = [...open.values()].find((r) => !deferred.has(r.gate));
      if (!review) return;
      const abort = new AbortController();
      reviewing = { gate: review.gate, abort };
      view.suspend();
      try {
        const outcome = await answerReview(
          {
            client,
            runId,
            previewDir,
            print: (line) => process.stdout.write(`${line}\n`),
            signal: abort.signal,
          },
          review,
        );
        if (outcome === "later") deferred.add(review.gate);
        // Answered: forget this version. The gate's next `review` message (closed, or open with a
        // new version) may already have replaced it, and must not be forgotten.
        if (open.get(review.gate) === review) open.delete(review.gate);
      } catch (err) {
        if ((err as Error).name !== "AbortPromptError") return finish(err);
        process.stdout.write(`\n(the gate ${review.gate} changed meanwhile)\n`);
      } finally {
        reviewing = null;
        if (!finished) view.resume();
      }
      void nextReview();
    };

    const onReview = (review: ReviewEvent) => {
      if (review.state === "open") open.set(review.gate, review);
      else open.delete(review.gate);
      // Someone else answered (or a new version arrived): the open prompt is out of date.
      if (reviewing && reviewing.gate === review.gate) reviewing.abort.abort();
      if (review.state === "open" && !options.review && !hinted) {
        hinted = true;
        view.note(
          `A review is waiting (${review.gate}): answer it with \`tsumugi review ${runId}\` in a terminal.`,
        );
      }
    };

    const socket = new RunSocket(
      client,
      runId,
      {
        message(message: ServerMessage) {
          if (lostTimer) {
            clearTimeout(lostTimer);
            lostTimer = null;
          }
          view.message(message);
          if (message.type === "snapshot") {
            // Per-group bars need every node's status; a snapshot has only totals. The list is
            // fetched after the snapshot, so it is at least as new as the events before it.
            if (options.display === "bars")
              listNodes(client, runId).then(
                (rows) => view.refresh(rows),
                (err: unknown) => view.note(`could not list the run's steps: ${String(err)}`),
              );
            open.clear();
            for (const r of message.openReviews) onReview(r);
            if (stopsFollowing(message.run.status)) return finish(null, message.run);
          } else if (message.type === "review") onReview(message.review);
          else if (message.type === "progress" && message.status === "budget_exhausted") {
            // The run waits for a person to raise its budget: stop following, say what to do.
            // (Read back first: a replayed event may be older than a resume.)
            client.json(workflowDetailSchema, `/v1/workflows/${runId}`).then(
              (now) => {
                if (now.status === "budget_exhausted") finish(null, now);
              },
              (err: unknown) => view.note(`could not read the run: ${String(err)}`),
            );
          } else if (message.type === "done") return finish(null, message.run);
          void nextReview();
        },
        invalid(reason) {
          view.note(`ignored ${reason}`);
        },
        reconnecting() {
          view.note("connection lost: reconnecting…");
          lostTimer ??= setTimeout(
            () =>
              finish(
                new CliError(
                  "Lost the connection to the server and could not get it back",
                  EXIT.unreachable,
                  `The run goes on without you: \`tsumugi watch ${runId}\` to follow it again.`,
                ),
              ),
            options.reconnectTimeoutMs ?? 300_000,
          );
          // The socket's own reconnection keeps the process alive; this timer alone must not.
          lostTimer.unref();
        },
        fatal(error) {
          finish(error);
        },
      },
      options.since !== undefined ? { since: options.since } : {},
    );
  });
}

/** The run's nodes, for the per-group bars (bounded: a huge run shows the groups as they move). */
async function listNodes(client: ApiClient, runId: string) {
  const rows = [];
  let after = 0;
  for (let page = 0; page < 20; page++) {
    const { nodes, nextAfter } = await client.json(nodePageSchema, `/v1/workflows/${runId}/nodes`, {
      query: { after, limit: 500 },
    });
    rows.push(...nodes);
    if (nextAfter === null) break;
    after = nextAfter;
  }
  return rows;
}

/** Where following a run ends: a final status, or a stop only a person can lift (its budget). */
const stopsFollowing = (status: RunSummary["status"]) =>
  FINAL_RUN_STATUSES.includes(status) || status === "budget_exhausted";

export function exitCodeOf(run: RunSummary): 0 | 1 | 4 {
  if (run.status === "budget_exhausted") return EXIT.budget;
  return run.status === "completed" ? EXIT.ok : EXIT.failed;
}
