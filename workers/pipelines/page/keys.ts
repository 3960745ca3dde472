/** Where the page pipeline keeps its files in R2 (one folder per version), and where it is previewed. */
import { runKey } from "../../storage/run-keys";

export const pageKeys = {
  file: (runId: string, version: number, path: string) => runKey(runId, `page/v${version}/${path}`),
};

/** The sandboxed preview of the run's current site (api/routes/page-preview.ts). */
export const previewUrl = (runId: string) => `/v1/workflows/${runId}/preview/`;
