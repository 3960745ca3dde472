/**
 * `tsumugi chat [message…]`: one completion through the gateway's OpenAI-compatible route,
 * streamed as it is written (SSE parsed by eventsource-parser, each chunk by the protocol schema).
 */
import type { Command } from "commander";
import { createParser } from "eventsource-parser";
import { chatCompletionChunkSchema, chatStreamErrorSchema } from "../../workers/protocol/openai.ts";
import { client, type GlobalOptions } from "../context.ts";
import { CliError, EXIT } from "../errors.ts";
import { clean, info, readStdin } from "../output.ts";

export function registerChat(program: Command): void {
  program
    .command("chat [message...]")
    .description("a quick completion through the gateway, streamed (the message, or standard input)")
    .option("-m, --model <model>", 'auto, a provider ("openai") or provider/model', "auto")
    .option("-s, --system <text>", "a system prompt")
    .action(async (words: string[], flags: { model: string; system?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const message = (words.length ? words.join(" ") : process.stdin.isTTY ? "" : await readStdin()).trim();
      if (!message)
        throw new CliError(
          "Nothing to send",
          EXIT.usage,
          'e.g. tsumugi chat "Summarise: Tsumugi spins thread."',
        );
      const res = await (
        await client()
      ).request("/v1/chat/completions", {
        method: "POST",
        json: {
          model: flags.model,
          stream: true,
          stream_options: { include_usage: true },
          messages: [
            ...(flags.system ? [{ role: "system", content: flags.system }] : []),
            { role: "user", content: message },
          ],
        },
      });
      let failure: string | null = null;
      let usage = "";
      let model = "";
      const parser = createParser({
        onEvent(event) {
          if (event.data === "[DONE]") return;
          let json: unknown = null;
          try {
            json = JSON.parse(event.data);
          } catch {
            // reported below as a chunk that does not match
          }
          const error = chatStreamErrorSchema.safeParse(json);
          if (error.success) return void (failure = `${error.data.error.code}: ${error.data.error.message}`);
          const chunk = chatCompletionChunkSchema.safeParse(json);
          if (!chunk.success)
            return void (failure ??= "the server sent a chunk that does not match the protocol");
          if (options.json) process.stdout.write(`${event.data}\n`);
          model = chunk.data.model;
          const text = chunk.data.choices[0]?.delta.content;
          if (text && !options.json) process.stdout.write(clean(text));
          if (chunk.data.usage)
            usage = `${chunk.data.usage.prompt_tokens} in, ${chunk.data.usage.completion_tokens} out`;
        },
      });
      const decoder = new TextDecoder();
      for await (const bytes of res.body ?? [])
        parser.feed(decoder.decode(bytes as Uint8Array, { stream: true }));
      if (!options.json) process.stdout.write("\n");
      if (failure) throw new CliError(`The completion stopped: ${failure}`, EXIT.failed);
      if (!options.json) info(`(${model}${usage ? `, ${usage} tokens` : ""})`);
    });
}
