/**
 * Narration script as JSON: who speaks, each line, and how long it takes to say. Durations are
 * estimated from text length (see estimateSpeechSeconds) so a video timeline can be laid out
 * before any audio exists.
 */
import { z } from "zod";

export const scriptSpeakerSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  name: z.string().min(1).max(60),
  role: z.enum(["narrator", "host", "guest", "expert", "learner"]).default("narrator"),
});

export const scriptLineSchema = z.object({
  speaker: z.string().min(1),
  text: z.string().trim().min(1).max(2000),
  estimatedSeconds: z.number().positive().max(600),
  /** Optional direction: a pause, an emphasis, a visual to show. */
  cue: z.string().max(200).optional(),
});

export const scriptSchema = z
  .object({
    language: z.enum(["ja", "en"]),
    speakers: z.array(scriptSpeakerSchema).min(1).max(6),
    lines: z.array(scriptLineSchema).min(1).max(500),
    totalSeconds: z.number().positive(),
  })
  .superRefine((script, ctx) => {
    const ids = new Set(script.speakers.map((speaker) => speaker.id));
    if (ids.size !== script.speakers.length) {
      ctx.addIssue({ code: "custom", path: ["speakers"], message: "speaker ids must be unique" });
    }
    script.lines.forEach((line, index) => {
      if (!ids.has(line.speaker)) {
        ctx.addIssue({
          code: "custom",
          path: ["lines", index, "speaker"],
          message: `unknown speaker "${line.speaker}"`,
        });
      }
    });
    const sum = script.lines.reduce((total, line) => total + line.estimatedSeconds, 0);
    // Rounding per line is fine; a total far from the lines means the model made one up.
    if (Math.abs(sum - script.totalSeconds) > Math.max(2, sum * 0.05)) {
      ctx.addIssue({
        code: "custom",
        path: ["totalSeconds"],
        message: `lines add up to ${sum.toFixed(1)} s`,
      });
    }
  });
export type Script = z.infer<typeof scriptSchema>;

/**
 * Seconds to read `text` aloud at a calm narration pace: about 6 characters a second in
 * Japanese (~350 per minute, broadcast pace) and 2.5 words a second in English (150 wpm).
 *
 * @example
 * estimateSpeechSeconds("これはテストです。", "ja"); // 1.5
 */
export function estimateSpeechSeconds(text: string, language: "ja" | "en"): number {
  const seconds =
    language === "ja"
      ? text.replace(/\s/g, "").length / 6
      : text.split(/\s+/).filter((word) => word.length > 0).length / 2.5;
  return Math.max(0.5, Math.round(seconds * 10) / 10);
}
