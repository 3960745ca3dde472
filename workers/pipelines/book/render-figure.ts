/**
 * One figure of a unit (an ImageRef from splitting) → its PNG, or the warning to record instead.
 * A figure never fails a step: broken SVG, unsupported diagram types, raw draw.io files and
 * remote images become warnings and the article keeps its original reference.
 */
import { MediaError } from "../../media/media-error.ts";
import { imageToPng, type PngImage } from "../../media/render/image-to-png.ts";
import type { BookWarning, ImageRef } from "./book-model.ts";

export type FigureResult = { ok: true; image: PngImage } | { ok: false; warning: BookWarning };

const warningCode = (error: MediaError): BookWarning["code"] =>
  error.code === "drawio_unrendered"
    ? "drawio_unrendered"
    : error.code === "mermaid_invalid" || error.code === "svg_invalid"
      ? "diagram_failed"
      : "image_unsupported";

/**
 * @example
 * const result = await renderFigure(ref, (path) => upload.files.get(path), unit.path);
 * if (result.ok) await env.BUCKET.put(layout.image(result.image.sha256), result.image.png);
 */
export async function renderFigure(
  ref: ImageRef,
  readFile: (path: string) => Uint8Array | undefined,
  unitPath: string,
): Promise<FigureResult> {
  if (ref.kind === "remote") {
    return {
      ok: false,
      warning: { code: "image_remote", message: `remote image ${ref.src} is not fetched`, path: unitPath },
    };
  }
  const source =
    ref.kind === "file"
      ? { kind: "file" as const, path: ref.path, bytes: readFile(ref.path) }
      : { kind: ref.kind, code: ref.code };
  if (source.kind === "file" && source.bytes === undefined) {
    return {
      ok: false,
      warning: { code: "image_missing", message: `${source.path} is not in the upload`, path: unitPath },
    };
  }
  try {
    const image = await imageToPng(
      source.kind === "file"
        ? { kind: "file", path: source.path, bytes: source.bytes ?? new Uint8Array() }
        : source,
    );
    return { ok: true, image };
  } catch (error) {
    if (!(error instanceof MediaError)) throw error;
    const what = ref.kind === "file" ? ref.path : `${ref.kind} block`;
    return {
      ok: false,
      warning: { code: warningCode(error), message: `${what}: ${error.message}`, path: unitPath },
    };
  }
}
