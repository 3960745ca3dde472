/** Every artifact of a run (all pages of GET /v1/workflows/:id/artifacts) and one file's text or blob URL. */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { artifactListSchema } from "../../../workers/protocol/artifacts.ts";
import { apiFetch, apiRaw } from "../http/client.ts";
import { queryKeys } from "../http/queries.ts";
import type { Artifact } from "./artifact-groups.ts";

export function useArtifacts(runId: string) {
  return useQuery({
    queryKey: queryKeys.artifacts(runId),
    queryFn: async () => {
      const all: Artifact[] = [];
      let after: string | null = null;
      do {
        const query = new URLSearchParams({ limit: "1000" });
        if (after) query.set("after", after);
        const page = await apiFetch(`/v1/workflows/${runId}/artifacts?${query}`, artifactListSchema);
        all.push(...page.artifacts);
        after = page.nextAfter;
      } while (after);
      return all;
    },
  });
}

export function useArtifactText(url: string | null) {
  return useQuery({
    queryKey: ["artifact-text", url],
    queryFn: async () => (await apiRaw(url!)).text(),
    enabled: url !== null,
    staleTime: Infinity,
  });
}

/** A blob: URL for an image artifact (img elements cannot send the key), revoked on unmount. */
export function useBlobUrl(url: string): string | null {
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  useEffect(() => {
    let revoked = false;
    let created: string | null = null;
    void apiRaw(url)
      .then((res) => res.blob())
      .then((blob) => {
        if (revoked) return;
        created = URL.createObjectURL(blob);
        setObjectUrl(created);
      });
    return () => {
      revoked = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [url]);
  return objectUrl;
}

/** Downloads a file that needs the key: fetched, then saved through a temporary blob: link. */
export async function downloadWithKey(url: string, filename: string): Promise<void> {
  const blob = await (await apiRaw(url)).blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
