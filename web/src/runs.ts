/** The runs list and the "start a run" form. */
import { apiFetch } from "./api";

type RunRow = {
  id: string;
  pipeline: string;
  status: string;
  title: string | null;
  nodes: { total: number; done: number };
};

export async function showRuns(list: HTMLElement, onOpen: (id: string) => void): Promise<void> {
  const { workflows } = await apiFetch<{ workflows: RunRow[] }>("/v1/workflows?limit=20");
  list.replaceChildren(
    ...workflows.map((run) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${run.title ?? run.pipeline} — ${run.status} (${run.nodes.done}/${run.nodes.total})`;
      button.addEventListener("click", () => onOpen(run.id));
      item.append(button);
      return item;
    }),
  );
  if (workflows.length === 0)
    list.replaceChildren(Object.assign(document.createElement("li"), { textContent: "No runs yet." }));
}

export async function startRun(pipeline: string, inputJson: string): Promise<string> {
  const input: unknown = JSON.parse(inputJson);
  const created = await apiFetch<{ id: string }>("/v1/workflows", {
    method: "POST",
    body: JSON.stringify({ pipeline, input }),
  });
  return created.id;
}
