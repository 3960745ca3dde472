/**
 * What every benchmark prints beside its figures: the machine, how busy it was while measuring and
 * the commit measured. Figures from a shared 2-core VM vary with its load, so a number without
 * these is not comparable with another.
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

export type BenchContext = {
  commit: string;
  node: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  /** 1, 5 and 15 minute load averages when the figures were taken. */
  loadAverage: [number, number, number];
  measuredAt: string;
};

function currentCommit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      encoding: "utf8",
    }).trim();
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return "unknown (not a git checkout)";
  }
}

/** Call it when the measuring ends, so the load average covers the measured minutes. */
export function benchContext(): BenchContext {
  const [one = NaN, five = NaN, fifteen = NaN] = loadavg();
  const round = (n: number) => Number(n.toFixed(2));
  return {
    commit: currentCommit(),
    node: process.version,
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: round(totalmem() / 2 ** 30),
    loadAverage: [round(one), round(five), round(fifteen)],
    measuredAt: new Date().toISOString(),
  };
}
