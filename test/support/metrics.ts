/**
 * Reading the metrics as a user would: GET /metrics with the metrics token, parsed by a real
 * Prometheus text-format parser; GET /v1/metrics/summary with a tenant's key.
 */
import { env } from "cloudflare:workers";
import parsePrometheusTextFormat, { type MetricFamily } from "parse-prometheus-text-format";
import { metricsSummarySchema, type MetricsSummary } from "../../workers/protocol/metrics";
import { api, authed } from "./api";

export const METRICS_TOKEN = String(env.METRICS_TOKEN);

export type Scrape = { text: string; families: MetricFamily[] };

export async function scrape(): Promise<Scrape> {
  const res = await api("/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return { text, families: parsePrometheusTextFormat(text) };
}

const matches = (labels: Record<string, string> | undefined, where: Record<string, string>) =>
  Object.entries(where).every(([k, v]) => labels?.[k] === v);

/** Sum of a counter's or gauge's samples whose labels include `where` (0 when absent). */
export function sample(s: Scrape, name: string, where: Record<string, string> = {}): number {
  const family = s.families.find((f) => f.name === name);
  let sum = 0;
  for (const m of family?.metrics ?? []) if ("value" in m && matches(m.labels, where)) sum += Number(m.value);
  return sum;
}

export async function summary(key: string, window = "24h"): Promise<MetricsSummary> {
  const res = await api(`/v1/metrics/summary?window=${window}`, authed(key));
  if (res.status !== 200) throw new Error(`summary answered ${res.status}: ${await res.text()}`);
  return metricsSummarySchema.parse(await res.json());
}
