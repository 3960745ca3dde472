import type { z } from "zod";
import type { NodeSpec } from "../engine/types";
import type { AnyStepDefinition } from "./define-step";

/**
 * A pipeline: how to validate a run's input, the graph it starts with, and the handlers its
 * steps name. Handlers may spawn more nodes as they learn the shape of the work.
 */
export type Pipeline<Input = unknown> = {
  name: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  /** The initial nodes; ids must be unique and stable across retries of the run. */
  build(input: Input): NodeSpec[];
  /**
   * Checks that need storage (e.g. that an upload exists for this tenant), run before the run is
   * created so a bad reference is a 4xx at once. Throws a PipelineInputError (pipelines/errors.ts).
   */
  preflight?(ctx: { env: Env; tenantId: string }, input: Input): Promise<void>;
  /** A title for lists and the UI. */
  title(input: Input): string;
  /** Its steps by handler name, each with input and output schemas (see define-step.ts). */
  handlers: Record<string, AnyStepDefinition>;
  /** Pipelines for tests and benchmarks are off unless the deployment enables them. */
  synthetic?: boolean;
  /** export.zip: the path of each stored file inside the zip, and the manifest at its root. */
  exportLayout?: {
    path(runId: string, key: string): string;
    manifest(ctx: ExportContext): Promise<unknown>;
  };
};

export type ExportContext = {
  env: Env;
  runId: string;
  files: {
    key: string;
    path: string;
    kind: string;
    contentType: string;
    sizeBytes: number;
    nodeId: string;
    promptVersion: string | null;
    provider: string | null;
    model: string | null;
  }[];
  spent: { costUsd: number; tokensIn: number; tokensOut: number };
};
