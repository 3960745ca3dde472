import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../support/api";
import { post } from "../support/workflows";

type DeadLetter = { id: string; reason: string; runId: string | null };

describe("dead-letter queue", () => {
  it("records poison step messages with the reason and refuses to re-drive what cannot parse", async () => {
    const { key, tenantId } = await createTestKey();
    await env.STEPS.send({ v: 1, runId: "wf_x", tenantId, nodeId: "n", leaseId: "not-a-uuid", attempt: 1 });
    const deadline = Date.now() + 10_000;
    let letters: DeadLetter[] = [];
    while (letters.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      letters = (await (await api("/v1/dead-letters", authed(key))).json<{ deadLetters: DeadLetter[] }>())
        .deadLetters;
    }
    expect(letters).toHaveLength(1);
    expect(letters[0]!.reason).toMatch(/malformed step message; leaseId/);
    expect(letters[0]!.runId).toBe("wf_x");
    const redrive = await post(key, `/v1/dead-letters/${letters[0]!.id}/redrive`);
    expect(redrive.status).toBe(409);
    // Another tenant sees none of it.
    const other = await createTestKey();
    const theirs = await (
      await api("/v1/dead-letters", authed(other.key))
    ).json<{ deadLetters: unknown[] }>();
    expect(theirs.deadLetters).toHaveLength(0);
  });
});
