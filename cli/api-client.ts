/**
 * The CLI's HTTP client: every request carries the key in the Authorization header (never in a
 * URL), every JSON answer is parsed with its schema from workers/protocol, and every failure
 * becomes a CliError with the exit code a script can act on and a hint for the person.
 */
import type { z } from "zod";
import { errorBodySchema, type ApiErrorPayload } from "../workers/protocol/errors.ts";
import { CliError, EXIT, type ExitCode } from "./errors.ts";

export type RequestOptions = {
  method?: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
};

/** An error answer of the API, with its `{ code, message, details }`. */
export class ApiRequestError extends CliError {
  override name = "ApiRequestError";
  constructor(
    readonly status: number,
    readonly error: ApiErrorPayload,
    exitCode: ExitCode,
    hint?: string,
  ) {
    super(`${error.message} (${status} ${error.code})`, exitCode, hint);
  }
}

function exitCodeFor(status: number): ExitCode {
  if (status === 401) return EXIT.unreachable;
  if (status === 400 || status === 413 || status === 415) return EXIT.usage;
  return EXIT.failed;
}

function hintFor(status: number, error: ApiErrorPayload): string | undefined {
  if (status === 401)
    return "The server refused the API key. Run `tsumugi login` with a valid key, or check TSUMUGI_API_KEY.";
  if (status === 404)
    return "Check the id (`tsumugi runs` lists your runs); another tenant's runs answer 404.";
  if (error.code === "unknown_pipeline") {
    const available = (error.details as { available?: unknown } | null)?.available;
    return Array.isArray(available)
      ? `This server runs these pipelines: ${available.join(", ")}.`
      : "This server does not run that pipeline.";
  }
  return undefined;
}

export class ApiClient {
  readonly base: URL;

  constructor(
    base: string,
    private readonly key: string,
  ) {
    try {
      this.base = new URL(base);
    } catch {
      throw new CliError(`"${base}" is not a URL`, EXIT.usage, "Use e.g. http://localhost:8787.");
    }
  }

  url(path: string, query?: RequestOptions["query"]): URL {
    const url = new URL(
      path.replace(/^\//, ""),
      this.base.href.endsWith("/") ? this.base : `${this.base.href}/`,
    );
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }

  /** The raw response of a successful request; API errors and network failures throw. */
  async request(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.key}`, ...options.headers };
    let body = options.body;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    let res: Response;
    try {
      res = await fetch(this.url(path, options.query), { method: options.method ?? "GET", headers, body });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(
        `Cannot reach the server at ${this.base.origin}: ${cause?.code ?? cause?.message ?? String(err)}`,
        EXIT.unreachable,
        "Is it running (`npm start`)? Check the URL given to `tsumugi login` or TSUMUGI_URL.",
        { cause: err },
      );
    }
    if (!res.ok) throw await this.errorOf(res);
    return res;
  }

  /** A JSON answer, parsed with its protocol schema. */
  async json<S extends z.ZodType>(
    schema: S,
    path: string,
    options: RequestOptions = {},
  ): Promise<z.output<S>> {
    const res = await this.request(path, options);
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new CliError(`The server answered ${path} with something that is not JSON`, EXIT.failed);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new CliError(
        `The server's answer to ${path} does not match the protocol: ${parsed.error.issues[0]?.message ?? "invalid"}`,
        EXIT.failed,
        "The CLI and the server may be of different versions: update the checkout and run `npm install`.",
      );
    }
    return parsed.data;
  }

  private async errorOf(res: Response): Promise<CliError> {
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // Not our JSON error shape (a proxy, or not a Tsumugi server at all): reported below.
    }
    const parsed = errorBodySchema.safeParse(body);
    const error: ApiErrorPayload = parsed.success
      ? parsed.data.error
      : { code: `http_${res.status}`, message: `HTTP ${res.status} ${res.statusText}`.trim(), details: null };
    return new ApiRequestError(res.status, error, exitCodeFor(res.status), hintFor(res.status, error));
  }
}
