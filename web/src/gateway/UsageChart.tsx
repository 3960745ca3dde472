/**
 * Calls and cost per provider as a bar chart (uPlot, canvas), with the same figures in a table
 * for screen readers and keyboard users (the canvas is hidden from them).
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export function UsageChart({ labels, values, label }: { labels: string[]; values: number[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || labels.length === 0) return;
    const styles = getComputedStyle(document.documentElement);
    const accent = styles.getPropertyValue("--accent").trim();
    const text = styles.getPropertyValue("--text").trim();
    const plot = new uPlot(
      {
        width: Math.min(el.clientWidth || 600, 800),
        height: 220,
        scales: { x: { time: false } },
        legend: { show: false },
        axes: [{ stroke: text, values: (_u, ticks) => ticks.map((i) => labels[i] ?? "") }, { stroke: text }],
        series: [
          {},
          {
            label,
            stroke: accent,
            fill: accent,
            paths: uPlot.paths.bars!({ size: [0.6, 80] }),
            points: { show: false },
          },
        ],
      },
      [labels.map((_, i) => i), values],
      el,
    );
    return () => plot.destroy();
  }, [labels, values, label]);
  return <div ref={box} className="chart" aria-hidden="true" />;
}
