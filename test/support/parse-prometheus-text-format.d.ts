/** Types of parse-prometheus-text-format (the package ships none), as its README describes. */
declare module "parse-prometheus-text-format" {
  type Labels = Record<string, string>;
  type Sample = { value: string; labels?: Labels };
  type HistogramSample = { buckets: Record<string, string>; count: string; sum: string; labels?: Labels };
  export type MetricFamily = {
    name: string;
    help: string;
    type: "COUNTER" | "GAUGE" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
    metrics: (Sample | HistogramSample)[];
  };
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
