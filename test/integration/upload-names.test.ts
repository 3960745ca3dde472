/** Upload names are stored sanitised: no control characters, no paths, bounded length. */
import { describe, expect, it } from "vitest";
import { api, authed, createTestKey } from "../support/api";

type Upload = { id: string; name: string };

async function stored(key: string, id: string): Promise<string> {
  const res = await api(`/v1/uploads/${id}`, authed(key));
  return (await res.json<{ name: string }>()).name;
}

describe("upload names", () => {
  it("strips paths and control characters from ?name=", async () => {
    const { key } = await createTestKey();
    const name = "../../etc/\u0000evil\u001b[31m\u202eboo\u0007k.md";
    const res = await api(
      `/v1/uploads?name=${encodeURIComponent(name)}`,
      authed(key, {
        method: "POST",
        body: "# Title\n\nText.\n",
        headers: { "Content-Type": "text/markdown" },
      }),
    );
    expect(res.status).toBe(201);
    const body = await res.json<Upload>();
    expect(body.name).toBe("evil[31mbook.md");
    expect(await stored(key, body.id)).toBe("evil[31mbook.md");
  });

  it("bounds the length and falls back to a default for a name that is nothing but junk", async () => {
    const { key } = await createTestKey();
    const long = `${"長".repeat(300)}.md`;
    const form = new FormData();
    form.append("file", new File(["# T\n\nx\n"], long, { type: "text/markdown" }));
    const res = await api("/v1/uploads", authed(key, { method: "POST", body: form }));
    expect(res.status).toBe(201);
    const body = await res.json<Upload>();
    expect([...body.name].length).toBeLessThanOrEqual(120);
    expect(body.name.endsWith(".md")).toBe(true);

    const junk = await api(
      `/v1/uploads?name=${encodeURIComponent("/\u0001\u0002/")}`,
      authed(key, { method: "POST", body: "# T\n\nx\n" }),
    );
    expect((await junk.json<Upload>()).name).toBe("book.md");
  });
});
