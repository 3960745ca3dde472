/** `/join/<token>` for someone already signed in: join the inviting team with one button. */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useAccountText } from "../auth/messages.ts";
import { acceptInvitation } from "../auth/session.ts";
import { PageTitle } from "../shell/PageTitle.tsx";

export function Join() {
  const a = useAccountText();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const accept = async () => {
    const result = await acceptInvitation(token);
    if (result.ok) {
      // A second team: the header's team switcher reads the person's teams from /v1/me.
      await client.invalidateQueries({ queryKey: ["me"] });
      void navigate("/team");
    } else setProblem(result.message);
  };
  return (
    <section className="card">
      <PageTitle text={a("teamTitle")} />
      <button type="button" onClick={() => void accept()}>
        {a("joinAccept")}
      </button>
      <p role="alert" className="problem">
        {problem}
      </p>
    </section>
  );
}
