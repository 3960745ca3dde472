/** `tsumugi gateway`: the AI providers with their circuit breakers, and your usage. */
import { InvalidArgumentError, Option, type Command } from "commander";
import { providerListSchema, usageReportSchema, USAGE_GROUPS } from "../../workers/protocol/providers.ts";
import { client, emit, type GlobalOptions } from "../context.ts";
import { out, table, usd } from "../output.ts";

function sinceMs(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new InvalidArgumentError("a duration like 30m, 12h or 7d");
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "s" | "m" | "h" | "d"];
  return Date.now() - Number(match[1]) * unit;
}

export function registerGateway(program: Command): void {
  program
    .command("gateway")
    .description("providers (configured, chain position, breaker state per model) and usage")
    .addOption(new Option("--group-by <what>", "usage per").choices(USAGE_GROUPS).default("provider"))
    .option("--since <duration>", "usage of the last 30m, 12h, 7d…", sinceMs)
    .action(async (flags: { groupBy: (typeof USAGE_GROUPS)[number]; since?: number }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const api = await client();
      const [providers, usage] = await Promise.all([
        api.json(providerListSchema, "/v1/providers"),
        api.json(usageReportSchema, "/v1/providers/usage", {
          query: { groupBy: flags.groupBy, since: flags.since },
        }),
      ]);
      emit(options, { providers, usage }, () => {
        out(`Chain: ${providers.defaultChain.join(" → ") || "(none)"}`);
        out(
          table([
            ["PROVIDER", "CONFIGURED", "CHAIN", "MODEL", "BREAKER", "FAILURES", "SUCCESS", "P50", "CALLS"],
            ...providers.providers.flatMap((p) => {
              const head = [
                p.name,
                p.configured ? "yes" : "no",
                p.defaultChainPosition >= 0 ? String(p.defaultChainPosition + 1) : "-",
              ];
              if (p.breakers.length === 0) return [[...head, p.defaultModel, "closed", "0", "-", "-", "0"]];
              return p.breakers.map((b) => [
                ...head,
                b.model,
                b.state,
                String(b.consecutiveFailures),
                b.successRate === null ? "-" : `${Math.round(b.successRate * 100)}%`,
                b.p50LatencyMs === null ? "-" : `${Math.round(b.p50LatencyMs)} ms`,
                String(b.calls),
              ]);
            }),
          ]),
        );
        out("");
        out(`Usage by ${usage.groupBy}:`);
        if (usage.usage.length === 0) return out("  none yet");
        out(
          table([
            [usage.groupBy.toUpperCase(), "CALLS", "CACHED", "TOKENS IN", "TOKENS OUT", "COST", "REDACTIONS"],
            ...usage.usage.map((u) => [
              u.key ?? "-",
              u.calls,
              u.cached,
              u.tokensIn,
              u.tokensOut,
              usd(u.costUsd),
              u.redactions,
            ]),
          ]),
        );
      });
    });
}
