/** TanStack Query hooks over the API: one query key per resource, schemas from workers/protocol. */
import { useQuery } from "@tanstack/react-query";
import { workflowDetailSchema, workflowListSchema } from "../../../workers/protocol/workflows.ts";
import { apiFetch } from "./client.ts";

export const queryKeys = {
  runs: (filters: { status?: string; pipeline?: string }) => ["runs", filters] as const,
  run: (id: string) => ["run", id] as const,
  artifacts: (id: string) => ["artifacts", id] as const,
  keys: ["keys"] as const,
  providers: ["providers"] as const,
  usage: ["usage"] as const,
  tasks: ["tasks"] as const,
  deadLetters: ["dead-letters"] as const,
};

/** The tenant's runs, newest first, refreshed every few seconds while the page is open. */
export function useRuns(filters: { status?: string; pipeline?: string }) {
  return useQuery({
    queryKey: queryKeys.runs(filters),
    queryFn: () => {
      const query = new URLSearchParams({ limit: "100" });
      if (filters.status) query.set("status", filters.status);
      if (filters.pipeline) query.set("pipeline", filters.pipeline);
      return apiFetch(`/v1/workflows?${query}`, workflowListSchema);
    },
    refetchInterval: 3_000,
  });
}

export function useRunDetail(id: string) {
  return useQuery({
    queryKey: queryKeys.run(id),
    queryFn: () => apiFetch(`/v1/workflows/${id}`, workflowDetailSchema),
  });
}
