/**
 * `npm run bench:upload-memory` — how much memory hostile uploads cost the Worker: starts
 * `wrangler dev` (port BENCH_PORT, default 8787), builds a zip bomb (~112 KB: 100 entries of
 * 1 MiB of zeros), sends it N times at once (BOMBS, default 4) and prints workerd's resident
 * memory before and its peak during the uploads, as JSON. The peak is the kernel's high-water
 * mark (VmHWM), reset just before the uploads through /proc/<pid>/clear_refs.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { zipSync } from "fflate";
import { startDevServer } from "./lib/dev-server.ts";
import { benchContext } from "./lib/bench-context.ts";

const MiB = 1024 * 1024;
const port = Number(process.env.BENCH_PORT) || 8787;
const bombs = Number(process.env.BOMBS) || 4;

function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" });
  } catch {
    return []; // pgrep exits 1 when the process has no children
  }
  const children = out.split("\n").filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function status(pid: number): { rssMiB: number; peakMiB: number } {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
  return { rssMiB: Math.round(kb("VmRSS") / 1024), peakMiB: Math.round(kb("VmHWM") / 1024) };
}

const zeros = new Uint8Array(MiB);
const bomb = zipSync(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`ch${i}.md`, zeros])), {
  level: 9,
});
const server = await startDevServer({ port });
try {
  // wrangler dev may run more than one workerd (the Worker, local services): watch them all.
  const workerds = descendants(server.process.pid!).filter(
    (pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd",
  );
  if (workerds.length === 0) throw new Error("no workerd process under wrangler dev");
  const total = (pick: (s: { rssMiB: number; peakMiB: number }) => number) =>
    workerds.reduce((sum, pid) => sum + pick(status(pid)), 0);
  // Warm the upload route once with a real book so the baseline includes the loaded code.
  await server.api("/v1/uploads?name=warm.md", { method: "POST", body: "# Warm\n\nText.\n" });
  const before = total((s) => s.rssMiB);
  for (const pid of workerds) writeFileSync(`/proc/${pid}/clear_refs`, "5"); // VmHWM := VmRSS
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: bombs }, async () => {
      const res = await server.api("/v1/uploads?name=bomb.zip", {
        method: "POST",
        headers: { "Content-Type": "application/zip" },
        body: bomb,
      });
      const text = await res.text();
      try {
        const body = JSON.parse(text) as { error?: { code?: string } };
        return `${res.status} ${body.error?.code ?? "accepted"}`;
      } catch {
        return `${res.status} ${text.slice(0, 80)}`; // not the API's answer: workerd restarted
      }
    }),
  );
  const peak = total((s) => s.peakMiB);
  const after = total((s) => s.rssMiB);
  console.log(
    JSON.stringify(
      {
        bombBytes: bomb.byteLength,
        inflatesToBytes: 100 * MiB,
        concurrentUploads: bombs,
        answers,
        elapsedMs: Date.now() - started,
        workerdProcesses: workerds.length,
        workerdRssBeforeMiB: before,
        workerdPeakDuringMiB: peak,
        workerdRssAfterMiB: after,
        context: benchContext(),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
