/**
 * The media Worker (wrangler.media.toml, "tsumugi-media"): the renderers whose code is megabytes —
 * resvg (2.4 MB of WebAssembly) with the embedded font (0.9 MB), the Mermaid layout engine (ELK,
 * 1.5 MB minified) and pdf-lib. Kept out of the main Worker so the API and gateway start and
 * deploy small (docs/architecture.md, "Workers"); the main Worker calls it over the MEDIA service
 * binding (RPC, same machine, no network hop) through workers/media/media-client.ts.
 *
 * A MediaError thrown here would reach the caller as a plain Error (RPC keeps only the message),
 * so each method answers a MediaResult and the client throws the MediaError again. Each renderer
 * is imported on its first call: a PDF export need not start ELK, a thumbnail need not start
 * pdf-lib.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import { MediaError } from "../media-error.ts";
import type { BookInfo } from "../manga/types.ts";
import type { MediaResult } from "../media-client.ts";
import type { RenderedPng, SvgToPngOptions } from "./rasterize.ts";
import type { KnowledgeFormat } from "../../knowledge/to-text.ts";
import type { Problem } from "../../pipelines/page/static-checks.ts";
import type { SiteFile } from "../../pipelines/page/schemas.ts";
import type { TextFile } from "../../pipelines/generators/file-diff.ts";

async function result<T>(work: () => T | Promise<T>): Promise<MediaResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof MediaError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

export default class MediaService extends WorkerEntrypoint {
  svgToPng(svg: string, options: SvgToPngOptions = {}): Promise<MediaResult<RenderedPng>> {
    return result(async () => (await import("./rasterize.ts")).rasterize(svg, options));
  }

  mermaidToSvg(code: string): Promise<MediaResult<string>> {
    return result(async () => (await import("./mermaid-layout.ts")).mermaidLayout(code));
  }

  buildPdf(pages: Uint8Array[], info: BookInfo): Promise<MediaResult<Uint8Array>> {
    return result(async () => (await import("./pdf.ts")).buildPdfHere(pages, info));
  }

  // Text work whose parsers weigh on the main Worker's bundle (issue 16): parse5 and acorn for a
  // generated site's checks, the Markdown and HTML readers (mdast, hast) for knowledge documents,
  // jsdiff for the review diffs, acorn for the sandbox's loop guard. Called through the
  // *-remote.ts modules on the main side.

  checkSite(files: SiteFile[]): Promise<MediaResult<Problem[]>> {
    return result(async () => (await import("../../pipelines/page/static-checks.ts")).checkSite(files));
  }

  documentText(format: KnowledgeFormat, source: string): Promise<MediaResult<string>> {
    return result(async () => (await import("../../knowledge/to-text.ts")).documentText(format, source));
  }

  diffFiles(before: TextFile[], after: TextFile[]): Promise<MediaResult<string>> {
    return result(async () =>
      (await import("../../pipelines/generators/file-diff.ts")).diffFiles(before, after),
    );
  }

  /** The sandbox's loop guard (acorn); a module that does not parse answers its message. */
  async guardLoops(
    source: string,
    modulePath: string,
  ): Promise<{ ok: true; value: string } | { ok: false; message: string }> {
    const { guardLoops, GuardParseError } = await import("../../sandbox/loop-guard.ts");
    try {
      return { ok: true, value: await guardLoops(source, modulePath) };
    } catch (error) {
      if (error instanceof GuardParseError) return { ok: false, message: error.message };
      throw error;
    }
  }

  /** Nothing is served over HTTP: the Worker has no route, only the binding reaches it. */
  override fetch(): Response {
    return new Response("tsumugi-media answers RPC over its service binding only", { status: 404 });
  }
}
