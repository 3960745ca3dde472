/**
 * A quantile estimated from histogram buckets the way Prometheus' histogram_quantile does:
 * find the bucket holding the rank, interpolate linearly inside it. Above the last finite bound
 * the answer is that bound (the +Inf bucket has no upper edge to interpolate to).
 */
import { BUCKETS_SECONDS } from "../observability/metric-catalog";
import type { Series } from "./series";

/** Adds up the buckets of several series (e.g. every handler's steps). */
export function mergeBuckets(series: Series[]): Map<string, number> {
  const merged = new Map<string, number>();
  for (const s of series) for (const [b, n] of s.buckets) merged.set(b, (merged.get(b) ?? 0) + n);
  return merged;
}

/** The q-quantile (0..1) in seconds, or null without observations. */
export function quantileSeconds(buckets: Map<string, number>, q: number): number | null {
  const total = [...buckets.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const rank = q * total;
  let seen = 0;
  let lower = 0;
  for (const bound of BUCKETS_SECONDS) {
    const inBucket = buckets.get(String(bound)) ?? 0;
    if (seen + inBucket >= rank && inBucket > 0) return lower + ((bound - lower) * (rank - seen)) / inBucket;
    seen += inBucket;
    lower = bound;
  }
  return BUCKETS_SECONDS[BUCKETS_SECONDS.length - 1]!;
}

/** p50, p95 and p99 in whole milliseconds (null without data). */
export function quantilesMs(buckets: Map<string, number>) {
  const ms = (q: number) => {
    const s = quantileSeconds(buckets, q);
    return s === null ? null : Math.round(s * 1000);
  };
  return { p50Ms: ms(0.5), p95Ms: ms(0.95), p99Ms: ms(0.99) };
}
