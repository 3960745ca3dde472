/**
 * npm run bench:book — figures for the book pipeline's engine-independent parts, as JSON:
 * - split: time to read + split each corpus book (as a zip upload) and seed document, with the
 *   chapter/section/unit counts and the generation steps the book implies;
 * - svgToPng: throughput of resvg compiled to WebAssembly (@cf-wasm/resvg, the engine the Worker
 *   uses) against native @resvg/resvg-js on the same SVGs (corpus figures + seed Mermaid), same
 *   font, as a ratio.
 * - runs: each corpus book and seed document run through the whole `book` pipeline on a
 *   throwaway `wrangler dev` with the offline provider: steps and makespan (first step to last).
 * Runs in Node (V8, like workerd) with --experimental-transform-types.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { initResvg, Resvg as WasmResvg } from "@cf-wasm/resvg/node";
import { Resvg as NativeResvg } from "@resvg/resvg-js";
import { zipSync } from "fflate";
// The layout itself (the media Worker's module): this script runs in Node, without the binding.
import { mermaidLayout as mermaidToSvg } from "../workers/media/service/mermaid-layout.ts";
import type { Book } from "../workers/pipelines/book/book-model.ts";
import { readBookInput } from "../workers/pipelines/book/input/read-book-input.ts";
import { splitBook } from "../workers/pipelines/book/split/split-book.ts";
import { startDevServer, waitForRun, type DevServer } from "./lib/dev-server.ts";
import { createdUploadSchema, createdWorkflowSchema } from "../workers/protocol/index.ts";
import { benchContext } from "./lib/bench-context.ts";

const CORPUS = "../shared/corpus";
const SEEDS = "../shared/seeds";
const FONT = "workers/media/fonts/noto-sans-jp-subset.otf";
const FONT_FAMILY = "Noto Sans CJK JP";
const SPLIT_RUNS = 20;
const RENDER_ROUNDS = 3;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Steps a run of the book plans: 3·units + 2·sections + 6·chapters + 2·parts + 3 (the formula of
 * workers/pipelines/book/steps/planned-steps.ts, which counts them from the graph itself and is
 * what the upload answer shows; that module's imports do not load in plain Node, hence the copy).
 */
function plannedSteps(book: Book): number {
  const sections = book.chapters.flatMap((chapter) => chapter.sections);
  const units = sections.flatMap((section) => section.units);
  return 3 * units.length + 2 * sections.length + 6 * book.chapters.length + 2 * book.parts.length + 3;
}

function benchSplit(name: string, bytes: Uint8Array) {
  const times: number[] = [];
  let book: Book | undefined;
  for (let i = 0; i < SPLIT_RUNS; i++) {
    const start = performance.now();
    book = splitBook(readBookInput(bytes, { name }));
    times.push(performance.now() - start);
  }
  if (!book) throw new Error("no run");
  const sections = book.chapters.flatMap((chapter) => chapter.sections);
  return {
    name,
    format: book.format,
    language: book.language,
    bytes: bytes.byteLength,
    splitMsMedian: round(median(times)),
    parts: book.parts.length,
    chapters: book.chapters.length,
    sections: sections.length,
    units: sections.reduce((sum, section) => sum + section.units.length, 0),
    warnings: book.warnings.length,
    plannedSteps: plannedSteps(book),
  };
}

async function benchRender(svgs: string[]) {
  await initResvg.ensure();
  const font = readFileSync(FONT);
  const time = (render: (svg: string) => Uint8Array) => {
    let pixels = 0;
    const start = performance.now();
    for (let round = 0; round < RENDER_ROUNDS; round++) for (const svg of svgs) pixels += render(svg).length;
    return { ms: performance.now() - start, outputBytes: pixels };
  };
  const wasmOptions = {
    font: { fontBuffers: [new Uint8Array(font)], defaultFontFamily: FONT_FAMILY },
    background: "#ffffff",
  };
  const nativeOptions = {
    font: { fontFiles: [FONT], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: "#ffffff",
  };
  // Warm up both (wasm compilation, font parsing) before measuring.
  new WasmResvg(svgs[0] ?? "", wasmOptions).render().asPng();
  new NativeResvg(svgs[0] ?? "", nativeOptions).render().asPng();
  const wasm = time((svg) => new WasmResvg(svg, wasmOptions).render().asPng());
  const native = time((svg) => new NativeResvg(svg, nativeOptions).render().asPng());
  const renders = svgs.length * RENDER_ROUNDS;
  return {
    svgs: svgs.length,
    renders,
    wasmPerSecond: round((renders / wasm.ms) * 1000),
    nativePerSecond: round((renders / native.ms) * 1000),
    nativeOverWasm: round(wasm.ms / native.ms),
  };
}

const inputs = [
  ...readdirSync(CORPUS).map((name) => {
    const root = join(CORPUS, name);
    const files = Object.fromEntries(
      walk(root).map((path) => [`${name}/${relative(root, path)}`, readFileSync(path)]),
    );
    return { name: `${name}.zip`, bytes: zipSync(files) };
  }),
  ...readdirSync(SEEDS).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(SEEDS, name))) })),
];
const books = inputs.slice(0, readdirSync(CORPUS).length).map((input) => benchSplit(input.name, input.bytes));
const seeds = inputs.slice(books.length).map((input) => benchSplit(input.name, input.bytes));

/** One whole book run on the local platform: upload, run, wait; steps and makespan. */
async function benchRun(server: DevServer, name: string, bytes: Uint8Array) {
  const uploaded = await server.api(`/v1/uploads?name=${encodeURIComponent(name)}`, {
    method: "POST",
    body: bytes,
  });
  if (uploaded.status !== 201) throw new Error(`${name}: upload ${uploaded.status} ${await uploaded.text()}`);
  const { id: upload } = createdUploadSchema.parse(await uploaded.json());
  const created = await server.api("/v1/workflows", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pipeline: "book", input: { upload } }),
  });
  if (created.status !== 202) throw new Error(`${name}: run ${created.status} ${await created.text()}`);
  const { id } = createdWorkflowSchema.parse(await created.json());
  const run = await waitForRun(server, id, { timeoutMs: 1_800_000 });
  if (run.status !== "completed") throw new Error(`${name}: run ended ${run.status}: ${run.error}`);
  return { name, steps: run.progress.total, makespanMs: run.finishedAt! - run.createdAt };
}

const server = await startDevServer({ port: 8785 });
const runs = [];
try {
  // One at a time: each figure is the run alone on the machine, as a user would start it.
  for (const input of inputs) runs.push(await benchRun(server, input.name, input.bytes));
} finally {
  await server.stop();
}
const all = [...books, ...seeds];

const figureSvgs = walk(CORPUS)
  .filter((path) => path.endsWith(".svg"))
  .map((path) => readFileSync(path, "utf8"));
const mermaidSvgs = readdirSync(SEEDS)
  .flatMap((name) => [...readFileSync(join(SEEDS, name), "utf8").matchAll(/```mermaid\n([\s\S]*?)```/g)])
  .flatMap((match) => {
    try {
      return [mermaidToSvg(match[1] ?? "")];
    } catch {
      // Diagram types beautiful-mermaid does not support are reported by the pipeline, not benched.
      return [];
    }
  });

console.log(
  JSON.stringify(
    {
      context: benchContext(),
      split: {
        runsPerInput: SPLIT_RUNS,
        totalMsMedian: round(all.reduce((sum, input) => sum + input.splitMsMedian, 0)),
        totals: {
          chapters: all.reduce((sum, input) => sum + input.chapters, 0),
          sections: all.reduce((sum, input) => sum + input.sections, 0),
          units: all.reduce((sum, input) => sum + input.units, 0),
          plannedSteps: all.reduce((sum, input) => sum + input.plannedSteps, 0),
        },
        inputs: all,
      },
      svgToPng: await benchRender([...figureSvgs, ...mermaidSvgs]),
      runsOffline: {
        totalSteps: runs.reduce((sum, run) => sum + run.steps, 0),
        totalMakespanMs: runs.reduce((sum, run) => sum + run.makespanMs, 0),
        runs,
      },
    },
    null,
    2,
  ),
);
