/**
 * /v1/tasks: generation work submitted now and followed later. The inputs are checked here at
 * the boundary and again when a consumer claims the task (workers/providers/tasks).
 */
import { z } from "zod";
import { PROVIDER_NAMES } from "./providers.ts";

const message = z.object({ role: z.enum(["user", "assistant"]), content: z.string().min(1) });

export const textTaskInputSchema = z
  .strictObject({
    system: z.string().optional(),
    prompt: z.string().min(1).optional(),
    messages: z.array(message).min(1).optional(),
    maxTokens: z.number().int().positive().max(32_000).default(1024),
    temperature: z.number().min(0).max(2).optional(),
    json: z.boolean().optional(),
    model: z.string().optional(),
  })
  .refine((v) => Boolean(v.prompt) !== Boolean(v.messages), {
    message: "give exactly one of prompt or messages",
  });

export const imageTaskInputSchema = z.strictObject({
  prompt: z.string().min(1),
  width: z.number().int().min(16).max(2048).optional(),
  height: z.number().int().min(16).max(2048).optional(),
  model: z.string().optional(),
});

const common = {
  priority: z.number().int().min(0).max(9).default(5),
  providers: z.array(z.enum(PROVIDER_NAMES)).min(1).optional(),
  maxAttempts: z.number().int().min(1).max(10).default(3),
};

export const createTaskSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("text"), input: textTaskInputSchema, ...common }),
    z.strictObject({ kind: z.literal("image"), input: imageTaskInputSchema, ...common }),
  ])
  .meta({ id: "CreateTask" });
export type CreateTask = z.infer<typeof createTaskSchema>;

export const TASK_STATUSES = ["queued", "running", "succeeded", "dead"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const listTasksQuerySchema = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const taskIdParamSchema = z.object({ id: z.uuid() });

export const textTaskResultSchema = z.object({
  provider: z.string(),
  model: z.string(),
  text: z.string(),
  json: z.unknown().optional(),
  usage: z.object({
    tokensIn: z.number().int(),
    tokensOut: z.number().int(),
    costUsd: z.number(),
    cached: z.boolean(),
  }),
  redactions: z.number().int(),
});

export const imageTaskResultSchema = z.object({
  provider: z.string(),
  model: z.string(),
  /** Fetch the image from GET /v1/tasks/:id/content. */
  r2Key: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  costUsd: z.number(),
});

export const taskViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["text", "image"]),
    status: z.enum(TASK_STATUSES),
    priority: z.number().int(),
    providers: z.array(z.string()).nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    result: z
      .union([textTaskResultSchema, imageTaskResultSchema, z.record(z.string(), z.unknown())])
      .nullable(),
    error: z.object({ code: z.string().nullable(), message: z.string() }).nullable(),
    createdAt: z.number(),
    startedAt: z.number().nullable(),
    finishedAt: z.number().nullable(),
  })
  .meta({ id: "Task" });
export type TaskView = z.infer<typeof taskViewSchema>;

export const taskListSchema = z.object({ tasks: z.array(taskViewSchema) });

export const submittedTaskSchema = z.object({
  id: z.string(),
  status: z.enum(TASK_STATUSES),
  priority: z.number().int().optional(),
});
