/** Where the program pipeline keeps its files in R2: one folder per version of the code step. */
import { runKey } from "../../storage/run-keys";

export const programKeys = {
  file: (runId: string, version: number, path: string) => runKey(runId, `program/v${version}/${path}`),
  report: (runId: string, version: number) => runKey(runId, `program/v${version}/test-report.json`),
};
