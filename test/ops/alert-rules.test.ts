/**
 * ops/prometheus/alerts.yml: valid YAML in Prometheus' rule-file shape, every expression using
 * only metrics /metrics exports, thresholds equal to the in-product defaults, a runbook section
 * for each alert in docs/operations.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { ALERT_DEFAULTS } from "../../workers/metrics/alerts";
import { METRICS } from "../../workers/observability/metric-catalog";

const ruleFile = z.strictObject({
  groups: z.array(
    z.strictObject({
      name: z.string(),
      rules: z.array(
        z.strictObject({
          alert: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
          expr: z.string(),
          for: z
            .string()
            .regex(/^\d+[smhd]$/)
            .optional(),
          labels: z.object({ severity: z.enum(["page", "warn"]) }),
          annotations: z.object({ summary: z.string(), runbook: z.string() }),
        }),
      ),
    }),
  ),
});

const rules = ruleFile
  .parse(parse(readFileSync("ops/prometheus/alerts.yml", "utf8")))
  .groups.flatMap((g) => g.rules);
const operations = readFileSync("docs/operations.md", "utf8");

/** GitHub's anchor of a Markdown heading. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");

describe("alerting rules", () => {
  it("use only metrics Tsumugi exports", () => {
    for (const rule of rules) {
      const names = rule.expr.match(/\btsumugi_[a-z0-9_]+/g) ?? [];
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) {
        const base = name.replace(/_(bucket|sum|count)$/, "");
        const spec = METRICS[name as keyof typeof METRICS] ?? METRICS[base as keyof typeof METRICS];
        expect(spec, `${rule.alert}: ${name}`).toBeDefined();
        if (name !== base && !(name in METRICS)) expect(spec.kind, name).toBe("histogram");
      }
    }
  });

  it("cover the seeds' alerts with the in-product thresholds", () => {
    const expr = (alert: string) => rules.find((r) => r.alert === alert)?.expr ?? "";
    expect(expr("TsumugiHighErrorRate")).toMatch(new RegExp(`> ${ALERT_DEFAULTS.errorRate}$`));
    expect(expr("TsumugiSlowRequests")).toMatch(new RegExp(`> ${ALERT_DEFAULTS.p95LatencyMs / 1000}$`));
    expect(expr("TsumugiQueueBacklog")).toMatch(new RegExp(`> ${ALERT_DEFAULTS.queueBacklog}$`));
    expect(expr("TsumugiCostOverrun")).toMatch(new RegExp(`> ${ALERT_DEFAULTS.dailyCostUsd}$`));
    expect(expr("TsumugiBreakerOpen")).toMatch(/tsumugi_breaker_open/);
  });

  it("each point to a runbook in docs/operations.md", () => {
    const anchors = new Set([...operations.matchAll(/^#{2,4} (.+)$/gm)].map((m) => anchor(m[1]!)));
    for (const rule of rules) {
      const [file, section] = rule.annotations.runbook.split("#");
      expect(file).toBe("docs/operations.md");
      expect(anchors, rule.alert).toContain(section);
    }
    for (const name of [
      "high-error-rate",
      "slow-requests",
      "queue-backlog",
      "cost-overrun",
      "breaker-open",
      "memory",
    ])
      expect(anchors, name).toContain(name);
  });
});
