/**
 * Settings → Passkeys: the signed-in person's passkeys (add one, remove one). Shown only to a
 * tab signed in with an account: an API key has no person to hang a passkey on.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useAccountText } from "../auth/messages.ts";
import { addPasskey, listPasskeys, removePasskey } from "../auth/passkeys.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { formatTime } from "../shell/format.ts";
import { QueryProblem } from "../shell/QueryProblem.tsx";

const QUERY_KEY = ["passkeys"] as const;

export function Passkeys() {
  const a = useAccountText();
  const { language } = useI18n();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  const passkeys = useQuery({ queryKey: QUERY_KEY, queryFn: listPasskeys });
  const refresh = () => client.invalidateQueries({ queryKey: QUERY_KEY });
  const add = useMutation({
    mutationFn: () => addPasskey(name.trim() || "Passkey"),
    onSuccess: (result) => {
      setProblem(result.ok ? null : result.message);
      setAdded(result.ok);
      if (result.ok) setName("");
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: removePasskey,
    onSuccess: (result) => {
      setProblem(result.ok ? null : result.message);
      void refresh();
    },
  });
  return (
    <section className="card" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{a("passkeys")}</h2>
      <p className="muted">{a("passkeysHint")}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setAdded(false);
          add.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="passkey-name">{a("passkeyName")}</label>
          <input id="passkey-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? a("working") : a("addPasskey")}
        </button>
      </form>
      <p role="alert" className="problem">
        {problem}
      </p>
      <p role="status">{added ? a("passkeyAdded") : null}</p>
      <QueryProblem query={passkeys} />
      {passkeys.data?.length === 0 && <p className="muted">{a("noPasskeys")}</p>}
      {passkeys.data && passkeys.data.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{a("name")}</th>
                <th scope="col">{a("added")}</th>
                <th scope="col">
                  <span className="visually-hidden">{a("removePasskey")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {passkeys.data.map((p) => (
                <tr key={p.id}>
                  <td>{p.name ?? "Passkey"}</td>
                  <td>{p.createdAt ? formatTime(Date.parse(p.createdAt), language) : ""}</td>
                  <td>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`${a("removePasskey")}: ${p.name ?? "Passkey"}`}
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(p.id)}
                    >
                      {a("remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
