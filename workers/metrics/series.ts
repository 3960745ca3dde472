/**
 * Rows of the Metrics object (name, labels JSON, field, value) grouped into series: a counter's
 * value, or a histogram's count, sum and per-bucket counts. Shared by /metrics and the summary.
 */
import type { MetricRow } from "../../durable-objects/metrics-store";

export type Series = {
  name: string;
  labels: Record<string, string>;
  value: number;
  count: number;
  sum: number;
  /** Upper bound ("0.5", "+Inf") → observations in that bucket alone (not cumulative). */
  buckets: Map<string, number>;
};

export function groupSeries(rows: MetricRow[]): Series[] {
  const byKey = new Map<string, Series>();
  for (const row of rows) {
    const key = `${row.name}\u0001${row.labels}`;
    let s = byKey.get(key);
    if (!s) {
      s = { name: row.name, labels: parseLabels(row.labels), value: 0, count: 0, sum: 0, buckets: new Map() };
      byKey.set(key, s);
    }
    if (row.field === "") s.value += row.value;
    else if (row.field === "count") s.count += row.value;
    else if (row.field === "sum") s.sum += row.value;
    else if (row.field.startsWith("le:")) {
      const bound = row.field.slice(3);
      s.buckets.set(bound, (s.buckets.get(bound) ?? 0) + row.value);
    }
  }
  return [...byKey.values()];
}

function parseLabels(text: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object") return {};
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    // Written by metrics.ts as JSON, so this means a corrupted row: shown without labels.
    return {};
  }
}

/** Total of a metric over the series matching `where` (counters). */
export function total(series: Series[], name: string, where: Record<string, string> = {}): number {
  let sum = 0;
  for (const s of series) {
    if (s.name !== name) continue;
    if (Object.entries(where).every(([k, v]) => s.labels[k] === v)) sum += s.value;
  }
  return sum;
}
