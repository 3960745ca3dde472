/** The runs list and the "start a run" form. */
import { createdWorkflowSchema, workflowListSchema } from "../../workers/protocol/workflows.ts";
import { apiFetch } from "./api";

export async function showRuns(list: HTMLElement, onOpen: (id: string) => void): Promise<void> {
  const { workflows } = await apiFetch("/v1/workflows?limit=20", workflowListSchema);
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
  const created = await apiFetch("/v1/workflows", createdWorkflowSchema, {
    method: "POST",
    body: JSON.stringify({ pipeline, input }),
  });
  return created.id;
}
