/**
 * For a person in several teams: which team this browser session acts for. Switching asks the
 * server (POST /v1/me/team), then forgets every cached answer — they belonged to the other team —
 * and goes home, since the page open (a run, say) may not exist in the new team.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useNavigate } from "react-router";
import { meSchema, switchedTeamSchema } from "../../../workers/protocol/accounts.ts";
import { useAccountText } from "../auth/messages.ts";
import { apiFetch } from "../http/client.ts";

export function TeamSwitcher() {
  const a = useAccountText();
  const id = useId();
  const client = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery({ queryKey: ["me"], queryFn: () => apiFetch("/v1/me", meSchema) });
  const change = useMutation({
    mutationFn: (teamId: string) =>
      apiFetch("/v1/me/team", switchedTeamSchema, { method: "POST", body: JSON.stringify({ teamId }) }),
    onSuccess: async () => {
      client.clear();
      await navigate("/");
    },
  });
  const teams = me.data?.teams ?? [];
  if (teams.length < 2) return null;
  return (
    <div className="team-switcher">
      <label htmlFor={id}>{a("activeTeam")}</label>
      <select
        id={id}
        value={me.data?.team?.id ?? ""}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.target.value)}
      >
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.role})
          </option>
        ))}
      </select>
      {change.error && (
        <p role="alert" className="problem small">
          {a("switchFailed", { reason: change.error.message })}
        </p>
      )}
    </div>
  );
}
