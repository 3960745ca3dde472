/**
 * `npm test`: the vitest suite in shards, each in a Node process of its own, then one merged
 * report (the console summary and test-results.json, which .ci/run reads).
 *
 * Why shards: every platform test file is a vitest project with a workerd of its own
 * (vitest.config.ts), and vitest's main process keeps what each project loaded until the run
 * ends, about 50 MB a file. One process for the ~100 files grew past Node's 4.3 GB heap limit and
 * died with SIGABRT (exit 134) on CI; a quarter of the files stays near 1.3 GB.
 *
 * Arguments go to every shard: `npm test -- --project 'platform:*'`. For one file or project,
 * `npx vitest run --project …` is quicker.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const SHARDS = Number(process.env.TEST_SHARDS ?? 4);
const REPORTS = ".vitest-reports";
const extra = process.argv.slice(2);

function vitest(args: string[]): number {
  const result = spawnSync("vitest", args, { stdio: "inherit" });
  if (result.error) throw result.error;
  // A shard killed by a signal (out of memory, say) counts as failed, never as passed.
  return result.status ?? 1;
}

rmSync(REPORTS, { recursive: true, force: true });
const failedShards: number[] = [];
for (let shard = 1; shard <= SHARDS; shard++) {
  console.log(`\nvitest shard ${shard}/${SHARDS}`);
  const code = vitest([
    "run",
    `--shard=${shard}/${SHARDS}`,
    // A filter (--project) may leave a shard without files; that shard has nothing to fail.
    "--passWithNoTests",
    "--reporter=default",
    "--reporter=blob",
    `--outputFile.blob=${REPORTS}/shard-${shard}.json`,
    ...extra,
  ]);
  if (code !== 0) failedShards.push(shard);
}

console.log("\nall shards, merged:");
const merged = vitest([
  "run",
  `--merge-reports=${REPORTS}`,
  "--reporter=json",
  "--outputFile.json=test-results.json",
  "--reporter=dot",
]);
if (failedShards.length > 0) console.error(`failed shards: ${failedShards.join(", ")} of ${SHARDS}`);
process.exit(failedShards.length > 0 || merged !== 0 ? 1 : 0);
