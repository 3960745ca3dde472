/**
 * Response bodies of the OpenAI-compatible routes, for the description only: these keep OpenAI's
 * own wire format (snake_case) so the official clients work unchanged. Loose objects: OpenAI
 * clients ignore fields they do not know, and so may we add some (`tsumugi`).
 */
import { z } from "zod";

export const chatCompletionSchema = z
  .looseObject({
    id: z.string(),
    object: z.literal("chat.completion"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.looseObject({
        index: z.number().int(),
        message: z.looseObject({ role: z.literal("assistant"), content: z.string().nullable() }),
        finish_reason: z.string().nullable(),
      }),
    ),
    usage: z.looseObject({
      prompt_tokens: z.number().int(),
      completion_tokens: z.number().int(),
      total_tokens: z.number().int(),
    }),
  })
  .meta({ id: "ChatCompletion" });

export const modelListSchema = z.object({
  object: z.literal("list"),
  data: z.array(
    z.object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() }),
  ),
});

/**
 * One `data:` event of a streamed completion (`stream: true`). The last carries `finish_reason`;
 * with `stream_options.include_usage` a chunk with no choices and the usage follows. A failure
 * after the stream started arrives as `{ error: { code, message } }` instead (see the route).
 */
export const chatCompletionChunkSchema = z.looseObject({
  id: z.string(),
  object: z.literal("chat.completion.chunk"),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number().int(),
      delta: z.looseObject({ content: z.string().nullable().optional() }),
      finish_reason: z.string().nullable(),
    }),
  ),
  usage: z
    .looseObject({
      prompt_tokens: z.number().int(),
      completion_tokens: z.number().int(),
      total_tokens: z.number().int(),
    })
    .nullable()
    .optional(),
});
/** What replaces a chunk when the stream fails after it started (headers were already sent). */
export const chatStreamErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;
