/**
 * People in integration tests: sign up through Better Auth's real routes (/api/auth), keep the
 * session cookie, and call /v1 with it from this site's origin, as the web app does.
 */
import { env } from "cloudflare:workers";
import type { Role } from "../../workers/auth/roles";
import { generateApiKey } from "../../workers/auth/api-keys";
import { api, BASE, jsonBody } from "./api";

export type Person = { cookie: string; userId: string; email: string; name: string };

/** The `name=value` pairs of a response's Set-Cookie headers, ready for a Cookie header. */
export function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

export function withCookie(cookie: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("Cookie", cookie);
  headers.set("Origin", BASE);
  return { ...init, headers };
}

export async function signUp(
  name = "Ada Lovelace",
  email = `${crypto.randomUUID()}@example.test`,
): Promise<Person> {
  const res = await api(
    "/api/auth/sign-up/email",
    jsonBody({ name, email, password: "correct horse battery" }, { headers: { Origin: BASE } }),
  );
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = await res.json<{ user: { id: string } }>();
  return { cookie: cookieOf(res), userId: body.user.id, email, name };
}

/** Signs up and creates a team of which the person is owner; returns the team id too. */
export async function signUpOwner(name = "Ada Lovelace"): Promise<Person & { teamId: string }> {
  const person = await signUp(name);
  const res = await api("/v1/teams", withCookie(person.cookie, jsonBody({ name: `${name}'s team` })));
  if (res.status !== 201) throw new Error(`team failed: ${res.status} ${await res.text()}`);
  return { ...person, teamId: (await res.json<{ id: string }>()).id };
}

/** Invites a new person into `owner`'s team as `role` and has them accept. */
export async function invite(
  owner: Person,
  role: Exclude<Role, "owner">,
  name = `A ${role}`,
): Promise<Person> {
  const made = await api("/v1/team/invitations", withCookie(owner.cookie, jsonBody({ role })));
  if (made.status !== 201) throw new Error(`invite failed: ${made.status} ${await made.text()}`);
  const { token } = await made.json<{ token: string }>();
  const person = await signUp(name);
  const accepted = await api("/v1/invitations/accept", withCookie(person.cookie, jsonBody({ token })));
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`);
  return person;
}

/** A key row with a role, for a (new) tenant, the way POST /v1/keys stores one. */
export async function createRoleKey(
  role: Role,
  tenantId: string = crypto.randomUUID(),
): Promise<{ key: string; id: string; tenantId: string }> {
  const { key, prefix, keyHash } = await generateApiKey();
  const id = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO teams (id, name) VALUES (?, ?)").bind(tenantId, tenantId),
    env.DB.prepare(
      "INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, role) VALUES (?, ?, ?, ?, ?, ?)",
    ).bind(id, tenantId, `${role} key`, prefix, keyHash, role),
  ]);
  return { key, id, tenantId };
}
