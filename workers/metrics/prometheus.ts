/**
 * The Prometheus text exposition format (version 0.0.4): HELP and TYPE for every metric in the
 * catalogue, then its samples; histograms as cumulative `_bucket{le}` lines, `_sum` and `_count`.
 *
 * @example
 * renderPrometheus(groupSeries(rows), gauges)
 * // # HELP tsumugi_http_requests_total HTTP requests by route pattern, method and status
 * // # TYPE tsumugi_http_requests_total counter
 * // tsumugi_http_requests_total{method="GET",route="/health",status="200"} 3
 */
import { BUCKETS_SECONDS, METRICS, type MetricName } from "../observability/metric-catalog";
import type { Series } from "./series";

export type GaugeSample = { name: MetricName; labels: Record<string, string>; value: number };

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function escapeValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labelText(labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    // Label names come from our code; anything outside the allowed alphabet is replaced.
    .map((k) => `${k.replace(/[^a-zA-Z0-9_]/g, "_")}="${escapeValue(labels[k]!)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

function number(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function histogramLines(s: Series): string[] {
  const lines: string[] = [];
  let cumulative = 0;
  for (const bound of [...BUCKETS_SECONDS.map(String), "+Inf"]) {
    cumulative += s.buckets.get(bound) ?? 0;
    lines.push(`${s.name}_bucket${labelText({ ...s.labels, le: bound })} ${number(cumulative)}`);
  }
  lines.push(`${s.name}_sum${labelText(s.labels)} ${number(s.sum)}`);
  lines.push(`${s.name}_count${labelText(s.labels)} ${number(s.count)}`);
  return lines;
}

export function renderPrometheus(series: Series[], gauges: GaugeSample[]): string {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(METRICS)) {
    out.push(`# HELP ${name} ${escapeHelp(spec.help)}`, `# TYPE ${name} ${spec.kind}`);
    if (spec.kind === "gauge") {
      for (const g of gauges)
        if (g.name === name) out.push(`${name}${labelText(g.labels)} ${number(g.value)}`);
      continue;
    }
    for (const s of series) {
      if (s.name !== name) continue;
      if (spec.kind === "histogram") out.push(...histogramLines(s));
      else out.push(`${name}${labelText(s.labels)} ${number(s.value)}`);
    }
  }
  return out.join("\n") + "\n";
}
