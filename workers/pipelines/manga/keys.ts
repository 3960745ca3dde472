/**
 * Where the manga pipeline keeps its files in R2, all below the run's folder. Images and page
 * compositions are content-addressed (named by their SHA-256), so a re-run that draws the same
 * picture stores nothing new, and an old version's preview keeps pointing at its own bytes.
 */
import { runKey } from "../../storage/run-keys";

export const mangaKeys = {
  story: (runId: string) => runKey(runId, "manga/story.txt"),
  image: (runId: string, sha256: string) => runKey(runId, `manga/images/${sha256}.png`),
  /** Vector compositions (SVG): stored, never served; pages are rendered from them. */
  composition: (runId: string, sha256: string) => runKey(runId, `manga/compositions/${sha256}.svg`),
  render: (runId: string, sha256: string, quality: string) =>
    runKey(runId, `manga/renders/${sha256}-${quality}.png`),
  pagePng: (runId: string, page: number) =>
    runKey(runId, `manga/export/page-${String(page).padStart(3, "0")}.png`),
  cbz: (runId: string) => runKey(runId, "manga/export/manga.cbz"),
  pdf: (runId: string) => runKey(runId, "manga/export/manga.pdf"),
};

/** The public URL of one of the run's artifacts (served by the artifacts route, tenant-checked). */
export function artifactUrl(runId: string, key: string): string {
  const prefix = `runs/${runId}/`;
  return `/v1/workflows/${runId}/artifacts/${key.startsWith(prefix) ? key.slice(prefix.length) : key}`;
}

/** The URL a page composition is rendered at, at `quality` (the pages route). */
export function pageUrl(runId: string, page: number, composition: string, quality = "preview"): string {
  return `/v1/workflows/${runId}/pages/${page}?quality=${quality}&composition=${composition}`;
}
