/**
 * The browser app's entry. For now: platform status from /health and the tenant's API keys.
 * The key stays in sessionStorage (this tab only) and is sent as a Bearer token.
 */
type Check = { ok: boolean; detail?: string; error?: string; latency_ms?: number };
type Health = { status: string; version: string; bindings: Record<string, Check> };
type KeyRow = { name: string; prefix: string; last_used_at: number | null; revoked_at: number | null };

const KEY_STORAGE = "tsumugi.apiKey";

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

async function showHealth(): Promise<void> {
  const status = element("health");
  const list = element("bindings");
  try {
    const health = (await (await fetch("/health")).json()) as Health;
    status.textContent = `${health.status === "ok" ? "Healthy" : "Degraded"} · version ${health.version}`;
    status.className = health.status === "ok" ? "ok" : "bad";
    list.replaceChildren(
      ...Object.entries(health.bindings).map(([name, check]) => {
        const item = document.createElement("li");
        item.textContent = `${name}: ${check.ok ? "ok" : "failing"}${check.detail ? ` (${check.detail})` : ""}${check.error ? ` — ${check.error}` : ""}`;
        return item;
      }),
    );
  } catch (err) {
    status.textContent = `Cannot reach the API: ${String(err)}`;
    status.className = "bad";
  }
}

async function showKeys(key: string): Promise<void> {
  const status = element("key-status");
  const table = element<HTMLTableElement>("keys");
  const res = await fetch("/v1/keys", { headers: { Authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { keys?: KeyRow[]; error?: { message: string } };
  if (!res.ok || !body.keys) {
    status.textContent = body.error?.message ?? `Request failed (${res.status})`;
    status.className = "bad";
    table.hidden = true;
    return;
  }
  status.textContent = `Signed in: ${body.keys.length} key(s) in your tenant.`;
  status.className = "ok";
  table.tBodies[0]?.replaceChildren(
    ...body.keys.map((row) => {
      const tr = document.createElement("tr");
      tr.append(
        cell(row.name),
        cell(`${row.prefix}…`),
        cell(row.last_used_at ? new Date(row.last_used_at).toLocaleString() : "never"),
        cell(row.revoked_at ? "revoked" : "active"),
      );
      return tr;
    }),
  );
  table.hidden = false;
}

document.addEventListener("DOMContentLoaded", () => {
  void showHealth();
  const input = element<HTMLInputElement>("api-key");
  const saved = sessionStorage.getItem(KEY_STORAGE);
  if (saved) void showKeys(saved);
  element<HTMLFormElement>("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = input.value.trim();
    sessionStorage.setItem(KEY_STORAGE, key);
    input.value = "";
    void showKeys(key);
  });
});
