/** The task API's input shapes (POST /v1/tasks), validated at the boundary and again on claim. */
import { z } from "zod";
import { PROVIDER_NAMES } from "../types";

const message = z.object({ role: z.enum(["user", "assistant"]), content: z.string().min(1) });

export const textTaskInput = z
  .strictObject({
    system: z.string().optional(),
    prompt: z.string().min(1).optional(),
    messages: z.array(message).min(1).optional(),
    max_tokens: z.number().int().positive().max(32_000).default(1024),
    temperature: z.number().min(0).max(2).optional(),
    json: z.boolean().optional(),
    model: z.string().optional(),
  })
  .refine((v) => Boolean(v.prompt) !== Boolean(v.messages), {
    message: "give exactly one of prompt or messages",
  });

export const imageTaskInput = z.strictObject({
  prompt: z.string().min(1),
  width: z.number().int().min(16).max(2048).optional(),
  height: z.number().int().min(16).max(2048).optional(),
  model: z.string().optional(),
});

export const createTaskSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("text"),
    input: textTaskInput,
    priority: z.number().int().min(0).max(9).default(5),
    providers: z.array(z.enum(PROVIDER_NAMES)).min(1).optional(),
    max_attempts: z.number().int().min(1).max(10).default(3),
  }),
  z.strictObject({
    kind: z.literal("image"),
    input: imageTaskInput,
    priority: z.number().int().min(0).max(9).default(5),
    providers: z.array(z.enum(PROVIDER_NAMES)).min(1).optional(),
    max_attempts: z.number().int().min(1).max(10).default(3),
  }),
]);

export type CreateTask = z.infer<typeof createTaskSchema>;
export type TaskMessage = { taskId: string };
export const taskMessageSchema = z.object({ taskId: z.string() });

export const TASK_STATUSES = ["queued", "running", "succeeded", "dead"] as const;
