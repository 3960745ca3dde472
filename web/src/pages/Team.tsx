/** The team: members with their roles (owners and admins change them), invitation links, sign out everywhere. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ROLES, type Role } from "../../../workers/protocol/roles.ts";
import {
  createdInvitationSchema,
  meSchema,
  memberSchema,
  removedMemberSchema,
  revokedSessionsSchema,
  teamSchema,
} from "../../../workers/protocol/accounts.ts";
import { signOut } from "../auth/api-key.ts";
import { useAccountText } from "../auth/messages.ts";
import { apiFetch } from "../http/client.ts";
import { CopyButton } from "../shell/CopyButton.tsx";
import { PageTitle } from "../shell/PageTitle.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";

const TEAM = ["team"] as const;

export function Team() {
  const a = useAccountText();
  const client = useQueryClient();
  const me = useQuery({ queryKey: ["me"], queryFn: () => apiFetch("/v1/me", meSchema) });
  const team = useQuery({ queryKey: TEAM, queryFn: () => apiFetch("/v1/team", teamSchema) });
  const [inviteRole, setInviteRole] = useState<Exclude<Role, "owner">>("viewer");
  const [link, setLink] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: TEAM });
  const invite = useMutation({
    mutationFn: (role: Role) =>
      apiFetch("/v1/team/invitations", createdInvitationSchema, {
        method: "POST",
        body: JSON.stringify({ role }),
      }),
    onSuccess: (made) => {
      setLink(made.url);
      void refresh();
    },
  });
  const changeRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) =>
      apiFetch(`/v1/team/members/${id}`, memberSchema, { method: "PATCH", body: JSON.stringify({ role }) }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/v1/team/members/${id}`, removedMemberSchema, { method: "DELETE" }),
    onSettled: refresh,
  });
  const everywhere = useMutation({
    mutationFn: () => apiFetch("/v1/me/sessions/revoke", revokedSessionsSchema, { method: "POST" }),
    onSuccess: () => signOut(),
  });
  const manages = me.data?.role === "owner" || me.data?.role === "admin";
  const problem = invite.error ?? changeRole.error ?? remove.error ?? everywhere.error;
  return (
    <>
      <PageTitle text={a("teamTitle")} />
      <QueryProblem query={team} />
      {team.data && (
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">
            {a("members")}: {team.data.name}
          </h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{a("name")}</th>
                <th scope="col">{a("email")}</th>
                <th scope="col">{a("role")}</th>
                {manages && <th scope="col" />}
              </tr>
            </thead>
            <tbody>
              {team.data.members.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.name} {m.userId === me.data?.user?.id ? a("you") : ""}
                  </td>
                  <td>{m.email}</td>
                  <td>
                    {manages ? (
                      <select
                        aria-label={`${a("role")}: ${m.name}`}
                        value={m.role}
                        onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as Role })}
                      >
                        {ROLES.map((r) => (
                          <option key={r}>{r}</option>
                        ))}
                      </select>
                    ) : (
                      m.role
                    )}
                  </td>
                  {manages && (
                    <td>
                      <button type="button" className="danger" onClick={() => remove.mutate(m.id)}>
                        {a("remove")}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {manages && (
        <section className="card" aria-labelledby="invite-title">
          <h2 id="invite-title">{a("invite")}</h2>
          <label htmlFor="invite-role">{a("inviteAs")}</label>{" "}
          <select
            id="invite-role"
            value={inviteRole}
            onChange={(e) => setInviteRole(e.target.value as Exclude<Role, "owner">)}
          >
            {ROLES.filter((r) => r !== "owner").map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>{" "}
          <button type="button" onClick={() => invite.mutate(inviteRole)} disabled={invite.isPending}>
            {a("makeLink")}
          </button>
          {link && (
            <p>
              {a("linkMade")} <code data-testid="invite-link">{link}</code> <CopyButton text={link} />
            </p>
          )}
        </section>
      )}
      <p role="alert" className="problem">
        {problem?.message}
      </p>
      {me.data?.via === "session" && (
        <button type="button" className="secondary" onClick={() => everywhere.mutate()}>
          {a("signOutEverywhere")}
        </button>
      )}
    </>
  );
}
