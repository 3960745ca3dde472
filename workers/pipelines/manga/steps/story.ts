/**
 * The first step: stores the story in R2 (node inputs stay small for every later step) and
 * records the run's settings. No review gate: there is nothing to judge yet.
 */
import { putArtifact } from "../../../engine/artifacts";
import { FatalStepError, RetryableStepError } from "../../../engine/types";
import { defineStep, type TypedStepContext } from "../../define-step";
import { mangaInputSchema, readingDirectionOf, storyLanguage } from "../input";
import { mangaKeys } from "../keys";
import { storyFacts, type StoryFacts } from "../offline/story-facts";
import { storySchema, type StoryInfo } from "../schemas/story";

export const storyStep = defineStep({
  input: mangaInputSchema,
  output: storySchema,
  async run(ctx) {
    const input = ctx.node.input;
    const language = storyLanguage(input.story);
    const facts = storyFacts(input.story, language);
    const artifact = await putArtifact(ctx.env.BUCKET, {
      key: mangaKeys.story(ctx.run.id),
      kind: "source",
      contentType: "text/plain; charset=utf-8",
      body: input.story,
    });
    return {
      output: {
        storyKey: artifact.key,
        language,
        direction: readingDirectionOf(input),
        pages: input.pages,
        title: input.title ?? null,
        styleNotes: input.styleNotes ?? null,
        characters: input.story.length,
        sentences: facts.sentences.length,
      },
      artifacts: [artifact],
    };
  },
});

export type LoadedStory = { info: StoryInfo; text: string; facts: StoryFacts };

/** The run's settings, the story text and what can be read off it. */
export async function loadStory(ctx: TypedStepContext<unknown, unknown>): Promise<LoadedStory> {
  const info = await ctx.outputOf(storyStep, "story");
  const object = await ctx.env.BUCKET.get(info.storyKey);
  if (!object) throw new RetryableStepError(`the story is missing from storage (${info.storyKey})`);
  const text = await object.text();
  if (!text) throw new FatalStepError("the stored story is empty");
  return { info, text, facts: storyFacts(text, info.language) };
}

/** Feedback as a number that varies the deterministic choices (0 without feedback). */
export function variantOf(feedback: string | undefined): number {
  if (!feedback) return 0;
  let h = 7;
  for (let i = 0; i < feedback.length; i++) h = (h * 31 + feedback.charCodeAt(i)) >>> 0;
  return (h % 97) + 1;
}
