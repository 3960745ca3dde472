/**
 * Per section: structure analysis. Per paragraph unit: article (Markdown that links the unit's
 * figures as PNG), narration script (text) and script JSON (speakers, lines, durations).
 */
import { z } from "zod";
import { linkImages } from "../../../media/markdown/link-images";
import { bookOutputLayout } from "../output-layout";
import { languageName } from "../prompts";
import { estimateSpeechSeconds, scriptSchema, type Script } from "../schemas/script";
import { structureAnalysisSchema } from "../schemas/structure-analysis";
import { articleMarkdownSchema, narrationScriptTextSchema } from "../schemas/text-outputs";
import { defineStep } from "../../define-step";
import {
  bookNodeIds as ids,
  fileOutputSchema,
  sectionStepInputSchema,
  storedKeySchema,
  unitStepInputSchema,
  type FileOutput,
  type UnitStepInput,
} from "./book-refs";
import { figuresStep, type FigureMap } from "./figure-steps";
import { generate } from "./generate";
import { readStoredText, writeOutput } from "./step-io";

export const structureStep = defineStep({
  input: sectionStepInputSchema,
  output: structureAnalysisSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const layout = bookOutputLayout(input.book.runId);
    const chapter = { ...input.chapter };
    const sources = await Promise.all(
      input.units.map((unitId) =>
        readStoredText(ctx, layout.unitFile(chapter, input.section, { id: unitId }, "source.md")),
      ),
    );
    const out = await generate(
      ctx,
      "structure-analysis",
      {
        language: languageName(input.book.language),
        book_title: input.book.title,
        chapter_title: input.chapter.title,
        section_title: input.section.title,
        section_id: input.section.id,
        source: sources.join(""),
      },
      { schema: structureAnalysisSchema },
    );
    const analysis = structureAnalysisSchema.parse(out.value);
    const file = await writeOutput(
      ctx,
      layout.sectionFile(chapter, input.section, "structure.json"),
      "structure",
      JSON.stringify(analysis, null, 2),
      out,
    );
    return { output: analysis, usage: out.usage, artifacts: [file] };
  },
});

/** The URL (relative to the unit's folder) of each figure the unit refers to. */
function figureUrls(input: UnitStepInput, figures: FigureMap) {
  const mine = figures.images.filter((f) => f.unitPath === input.unit.path);
  const byPath = new Map(mine.filter((f) => f.path).map((f) => [f.path!, `../../../${f.file}`]));
  const byCode = new Map(mine.filter((f) => f.code).map((f) => [f.code!, `../../../${f.file}`]));
  const bySrc = new Map<string, string>();
  for (const ref of input.unit.images) {
    if (ref.kind === "file" && byPath.has(ref.path)) bySrc.set(ref.src, byPath.get(ref.path)!);
  }
  const alts = input.unit.images.flatMap((ref) =>
    ref.kind === "file" && byPath.has(ref.path)
      ? [{ alt: ref.alt || ref.path, url: byPath.get(ref.path)! }]
      : (ref.kind === "mermaid" || ref.kind === "svg") && byCode.has(ref.code)
        ? [{ alt: `${ref.kind} diagram`, url: byCode.get(ref.code)! }]
        : [],
  );
  return { bySrc, byCode, alts };
}

export const articleStep = defineStep({
  input: unitStepInputSchema,
  output: fileOutputSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const structure = await ctx.outputOf(structureStep, ids.structure(input.section.id));
    const figures = await ctx.outputOf(figuresStep, ids.figures(input.chapter.id));
    const out = await generate(ctx, "article", {
      language: languageName(input.book.language),
      book_title: input.book.title,
      chapter_title: input.chapter.title,
      section_title: input.section.title,
      key_points: structure.keyPoints.map((p) => `- ${p}`).join("\n"),
      unit_id: input.unit.id,
      source: input.unit.text,
    });
    const urls = figureUrls(input, figures);
    let article = linkImages(articleMarkdownSchema.parse(out.value), (ref) =>
      ref.kind === "src" ? urls.bySrc.get(ref.src) : urls.byCode.get(ref.code),
    );
    // Every figure of the passage is linked, even when the generator left it out.
    const missing = urls.alts.filter((f) => !article.includes(f.url));
    if (missing.length > 0) {
      article += `\n\n${missing.map((f) => `![${f.alt.replace(/[[\]]/g, "")}](${f.url})`).join("\n\n")}\n`;
    }
    const layout = bookOutputLayout(input.book.runId);
    const key = layout.unitFile(input.chapter, input.section, input.unit, "article.md");
    const file = await writeOutput(ctx, key, "article", article, out);
    return { output: { key } satisfies FileOutput, usage: out.usage, artifacts: [file] };
  },
});

export const scriptStep = defineStep({
  input: unitStepInputSchema,
  output: fileOutputSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const out = await generate(ctx, "narration-script", {
      language: languageName(input.book.language),
      chapter_title: input.chapter.title,
      section_title: input.section.title,
      unit_id: input.unit.id,
      source: input.unit.text,
    });
    const text = narrationScriptTextSchema.parse(out.value);
    const key = bookOutputLayout(input.book.runId).unitFile(
      input.chapter,
      input.section,
      input.unit,
      "script.md",
    );
    const file = await writeOutput(ctx, key, "script", text, out);
    return { output: { key } satisfies FileOutput, usage: out.usage, artifacts: [file] };
  },
});

/** What the model is asked for; durations and ids are then made consistent here. */
const scriptDraftSchema = z.object({
  speakers: z
    .array(z.object({ id: z.string().min(1), name: z.string().min(1), role: z.string().optional() }))
    .min(1)
    .max(6),
  lines: z
    .array(z.object({ speaker: z.string().min(1), text: z.string().min(1), cue: z.string().optional() }))
    .min(1)
    .max(500),
});
const ROLES = ["narrator", "host", "guest", "expert", "learner"] as const;

/** A model's script → a valid Script: clean speaker ids, known speakers, computed durations. */
export function normalizeScript(draft: z.infer<typeof scriptDraftSchema>, language: "ja" | "en"): Script {
  const idOf = new Map<string, string>();
  const speakers = draft.speakers.map((s, i) => {
    let id =
      s.id
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, "-")
        .replace(/^[^a-z]+/, "")
        .slice(0, 32) || `speaker${i + 1}`;
    while ([...idOf.values()].includes(id)) id = `${id.slice(0, 28)}-${i + 1}`;
    idOf.set(s.id, id);
    const role = ROLES.find((r) => r === s.role) ?? "narrator";
    return { id, name: s.name.slice(0, 60), role };
  });
  const lines = draft.lines.map((line) => {
    const text = line.text.trim().slice(0, 2000);
    return {
      speaker: idOf.get(line.speaker) ?? speakers[0]!.id,
      text,
      estimatedSeconds: estimateSpeechSeconds(text, language),
      ...(line.cue ? { cue: line.cue.slice(0, 200) } : {}),
    };
  });
  const totalSeconds = Math.round(lines.reduce((sum, line) => sum + line.estimatedSeconds, 0) * 10) / 10;
  return scriptSchema.parse({ language, speakers, lines, totalSeconds });
}

/** script.json's key and the narration's measured length (chapter markers add these up). */
export const scriptJsonOutputSchema = z.strictObject({
  key: storedKeySchema(),
  totalSeconds: z.number().min(0),
});

export const scriptJsonStep = defineStep({
  input: unitStepInputSchema,
  output: scriptJsonOutputSchema,
  run: async (ctx) => {
    const input = ctx.node.input;
    const narration = await readStoredText(
      ctx,
      (await ctx.outputOf(scriptStep, ids.script(input.unit.id))).key,
    );
    const out = await generate(
      ctx,
      "script-json",
      {
        language: languageName(input.book.language),
        language_code: input.book.language,
        speakers: input.book.language === "ja" ? "narrator (ナレーター)" : "narrator (Narrator)",
        unit_id: input.unit.id,
        narration,
      },
      { schema: scriptDraftSchema },
    );
    const script = normalizeScript(out.value, input.book.language);
    const key = bookOutputLayout(input.book.runId).unitFile(
      input.chapter,
      input.section,
      input.unit,
      "script.json",
    );
    const file = await writeOutput(ctx, key, "script_json", JSON.stringify(script, null, 2), out);
    return { output: { key, totalSeconds: script.totalSeconds }, usage: out.usage, artifacts: [file] };
  },
});
