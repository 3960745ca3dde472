/**
 * The gateway benchmark's "passthrough" peer (npm run bench:gateway -- --peers): a Worker that
 * forwards each POST body to the upstream with one `fetch` and returns the answer, nothing else.
 * Run by the same `wrangler dev` and workerd as Tsumugi, it measures what the local runtime
 * itself costs a request that makes one subrequest, so the gateway's own code can be told apart
 * from the runtime's share of "added latency".
 */
type Env = { UPSTREAM_URL: string };

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== "POST") return new Response("ok");
    return fetch(env.UPSTREAM_URL, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: request.headers.get("authorization") ?? "",
      },
      body: request.body,
    });
  },
} satisfies ExportedHandler<Env>;
