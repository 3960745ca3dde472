/** `tsumugi keys` (list), `keys create <name>`, `keys revoke <id>`: your tenant's API keys. */
import type { Command } from "commander";
import { createdKeySchema, keyListSchema, revokedKeySchema } from "../../workers/protocol/keys.ts";
import { client, emit, type GlobalOptions } from "../context.ts";
import { info, out, table, when } from "../output.ts";

export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("list, create and revoke your tenant's API keys");
  keys
    .command("list", { isDefault: true })
    .description("your tenant's keys (never their secrets)")
    .action(async (_flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const list = await (await client()).json(keyListSchema, "/v1/keys");
      emit(options, list, () =>
        out(
          table([
            ["ID", "NAME", "PREFIX", "CREATED", "LAST USED", "REVOKED"],
            ...list.keys.map((k) => [
              k.id,
              k.name,
              `${k.prefix}…`,
              when(k.createdAt),
              when(k.lastUsedAt),
              when(k.revokedAt),
            ]),
          ]),
        ),
      );
    });
  keys
    .command("create <name>")
    .description("create another key for your tenant; its secret is printed this once")
    .action(async (name: string, _flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const created = await (
        await client()
      ).json(createdKeySchema, "/v1/keys", { method: "POST", json: { name } });
      emit(options, created, () => {
        out(created.key);
        info(
          `Key ${created.id} (${created.name}) created. This is the only time its secret is shown: store it now.`,
        );
      });
    });
  keys
    .command("revoke <id>")
    .description("revoke a key (its live connections close at once)")
    .action(async (id: string, _flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const revoked = await (
        await client()
      ).json(revokedKeySchema, `/v1/keys/${encodeURIComponent(id)}`, { method: "DELETE" });
      emit(options, revoked, () => out(`Revoked ${revoked.id}.`));
    });
}
