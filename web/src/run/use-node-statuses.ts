/**
 * Every node's status, loaded page by page (GET /v1/workflows/:id/nodes, 500 a page) into one
 * map, with live node events laid over it. Pages arrive progressively, so a large run shows its
 * first levels at once and fills in.
 */
import { useEffect, useMemo, useState } from "react";
import { nodePageSchema } from "../../../workers/protocol/workflows.ts";
import { apiFetch } from "../http/client.ts";

export function useNodeStatuses(runId: string, live: ReadonlyMap<string, string>) {
  const [loaded, setLoaded] = useState<{
    statuses: Map<string, string>;
    errors: Map<string, string>;
    done: boolean;
  }>(() => ({ statuses: new Map(), errors: new Map(), done: false }));
  useEffect(() => {
    let stopped = false;
    const statuses = new Map<string, string>();
    const errors = new Map<string, string>();
    void (async () => {
      let after = 0;
      for (;;) {
        const page = await apiFetch(`/v1/workflows/${runId}/nodes?after=${after}&limit=500`, nodePageSchema);
        if (stopped) return;
        for (const node of page.nodes) {
          statuses.set(node.id, node.status);
          if (node.error) errors.set(node.id, node.error);
        }
        setLoaded({ statuses: new Map(statuses), errors, done: page.nextAfter === null });
        if (page.nextAfter === null) return;
        after = page.nextAfter;
      }
    })();
    return () => {
      stopped = true;
    };
  }, [runId]);
  const merged = useMemo(() => {
    if (live.size === 0) return loaded.statuses;
    const map = new Map(loaded.statuses);
    for (const [id, status] of live) map.set(id, status);
    return map;
  }, [loaded.statuses, live]);
  return { statuses: merged, errors: loaded.errors, complete: loaded.done };
}
