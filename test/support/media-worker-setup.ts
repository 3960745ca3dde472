/**
 * Runs in Node before the workerd tests: bundles the media Worker (wrangler.media.toml), which
 * vitest.config.ts runs beside the Worker under test as the target of its MEDIA binding.
 */
import { buildMediaWorker } from "../../scripts/lib/media-worker.ts";

export default async function setup() {
  await buildMediaWorker();
}
