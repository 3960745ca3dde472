/**
 * The browser app's entry: platform status, the API key, the tenant's keys and runs, and a live
 * view of a run with its reviews.
 */
import { healthSchema } from "../../workers/protocol/health.ts";
import { keyListSchema } from "../../workers/protocol/keys.ts";
import { apiFetch, apiKey, ApiFailure, setApiKey } from "./api";
import { RunView } from "./run-view";
import { showRuns, startRun } from "./runs";

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from index.html`);
  return found as T;
}

function cell(text: string): HTMLTableCellElement {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

function say(id: string, text: string, ok: boolean): void {
  const status = element(id);
  status.textContent = text;
  status.className = ok ? "ok" : "bad";
}

async function showHealth(): Promise<void> {
  try {
    const health = healthSchema.parse(await (await fetch("/health")).json());
    say(
      "health",
      `${health.status === "ok" ? "Healthy" : "Degraded"} · version ${health.version}`,
      health.status === "ok",
    );
    element("bindings").replaceChildren(
      ...Object.entries(health.bindings).map(([name, check]) => {
        const item = document.createElement("li");
        item.textContent = `${name}: ${check.state.replace("_", " ")}${check.detail ? ` (${check.detail})` : ""}${check.error ? ` — ${check.error}` : ""}`;
        return item;
      }),
    );
  } catch (err) {
    say("health", `Cannot reach the API: ${String(err)}`, false);
  }
}

async function showKeys(): Promise<boolean> {
  const table = element<HTMLTableElement>("keys");
  try {
    const { keys } = await apiFetch("/v1/keys", keyListSchema);
    say("key-status", `Signed in: ${keys.length} key(s) in your tenant.`, true);
    table.tBodies[0]?.replaceChildren(
      ...keys.map((row) => {
        const tr = document.createElement("tr");
        tr.append(
          cell(row.name),
          cell(`${row.prefix}…`),
          cell(row.lastUsedAt ? new Date(row.lastUsedAt).toLocaleString() : "never"),
          cell(row.revokedAt ? "revoked" : "active"),
        );
        return tr;
      }),
    );
    table.hidden = false;
    return true;
  } catch (err) {
    say("key-status", err instanceof ApiFailure ? err.message : String(err), false);
    table.hidden = true;
    return false;
  }
}

async function signedIn(view: RunView): Promise<void> {
  if (!(await showKeys())) return;
  element("runs-section").hidden = false;
  await showRuns(element("runs"), (id) => view.open(id));
}

document.addEventListener("DOMContentLoaded", () => {
  void showHealth();
  const view = new RunView(element("run"));
  if (apiKey()) void signedIn(view);
  element<HTMLFormElement>("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = element<HTMLInputElement>("api-key");
    setApiKey(input.value.trim());
    input.value = "";
    void signedIn(view);
  });
  element<HTMLFormElement>("start-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const pipeline = element<HTMLSelectElement>("pipeline").value;
    startRun(pipeline, element<HTMLTextAreaElement>("run-input").value)
      .then(async (id) => {
        say("start-status", `Started ${id}`, true);
        view.open(id);
        await showRuns(element("runs"), (runId) => view.open(runId));
      })
      .catch((err: unknown) => say("start-status", err instanceof Error ? err.message : String(err), false));
  });
});
