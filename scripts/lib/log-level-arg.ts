/**
 * A benchmark's `--log-level` argument: the Worker's LOG_LEVEL (workers/observability/log.ts),
 * checked here because the Worker reads anything unknown as info.
 */
export function logLevelArg(value: string | undefined): "info" | "warn" | "error" {
  if (value === undefined || value === "info" || value === "warn" || value === "error")
    return value ?? "info";
  throw new Error(`--log-level must be info, warn or error, not ${value}`);
}
