/**
 * The wire protocol of Tsumugi: every HTTP request and response body of our own routes and every
 * live message, as zod schemas. camelCase everywhere except the OpenAI-compatible routes, which
 * keep OpenAI's format. This folder imports nothing but zod, so the Worker, the browser app, the
 * scripts and the tests can all import it; the OpenAPI description (/openapi.json) is generated
 * from these schemas.
 */
export * from "./errors.ts";
export * from "./live.ts";
export * from "./workflows.ts";
export * from "./keys.ts";
export * from "./dead-letters.ts";
export * from "./uploads.ts";
export * from "./artifacts.ts";
export * from "./tasks.ts";
export * from "./providers.ts";
export * from "./health.ts";
export * from "./metrics.ts";
export * from "./openai.ts";
export * from "./manga.ts";
export * from "./audit.ts";
export * from "./prompts.ts";
export * from "./knowledge.ts";
export * from "./brief.ts";
