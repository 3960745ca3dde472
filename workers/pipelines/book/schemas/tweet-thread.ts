/** Per chapter: a thread of posts, each within X's weighted length limit. */
import { z } from "zod";
import { MAX_TWEET_WEIGHT, tweetLength } from "../tweet-length.ts";

export const tweetSchema = z
  .string()
  .trim()
  .min(1)
  .refine((text) => tweetLength(text) <= MAX_TWEET_WEIGHT, {
    message: `over ${MAX_TWEET_WEIGHT} weighted characters (CJK count 2, URLs 23)`,
  });

export const tweetThreadSchema = z.object({
  tweets: z.array(tweetSchema).min(1).max(10),
  hashtags: z
    .array(z.string().regex(/^#?[\p{L}\p{N}_]+$/u))
    .max(5)
    .default([]),
});
export type TweetThread = z.infer<typeof tweetThreadSchema>;
