import { describe, expect, it } from "vitest";
import type { ErrorBody as ErrorJson } from "../../workers/protocol/errors";
import { api, authed, createTestKey, jsonBody } from "../support/api";

describe("error responses", () => {
  it("answers unknown routes with 404 JSON and a request id", async () => {
    const res = await api("/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(res.headers.get("X-Request-Id")).toBeTruthy();
    const body = await res.json<ErrorJson>();
    // Every error body has all three fields; details is null when there is nothing more to say.
    expect(body.error).toEqual({ code: "not_found", message: "No route for GET /nope", details: null });
  });

  it("answers unknown /v1 routes with 404 once authenticated", async () => {
    const { key } = await createTestKey();
    const res = await api("/v1/anything", authed(key));
    expect(res.status).toBe(404);
    expect((await res.json<ErrorJson>()).error.code).toBe("not_found");
  });

  it("names the problem when a JSON body does not parse", async () => {
    const { key } = await createTestKey();
    const res = await api(
      "/v1/keys",
      authed(key, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: '{"name": "ci",',
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json<ErrorJson>();
    expect(body.error.code).toBe("malformed_json");
    expect(body.error.message).toMatch(/not valid JSON/);
  });

  it("lists each invalid field as a 400 validation_failed", async () => {
    const { key } = await createTestKey();
    const res = await api("/v1/keys", authed(key, jsonBody({ name: "", extra: true })));
    expect(res.status).toBe(400);
    const body = await res.json<ErrorJson>();
    expect(body.error.code).toBe("validation_failed");
    const paths = (body.error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "(root)"]));
  });

  it("rejects a body over the size limit with 413 JSON", async () => {
    const { key } = await createTestKey();
    const huge = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) });
    const res = await api(
      "/v1/keys",
      authed(key, { method: "POST", headers: { "Content-Type": "application/json" }, body: huge }),
    );
    expect(res.status).toBe(413);
    expect((await res.json<ErrorJson>()).error.code).toBe("payload_too_large");
  });
});
