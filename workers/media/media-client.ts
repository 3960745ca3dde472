/**
 * The main Worker's side of the media Worker (workers/media/service): the renderers run there,
 * reached over the MEDIA service binding, so resvg, the font, ELK and pdf-lib are not part of this
 * Worker's bundle or start-up. The binding comes from `cloudflare:workers` (loaded on first use,
 * so modules that merely import a renderer still load in Node).
 */
import type { MediaErrorCode } from "./media-error.ts";
import { MediaError } from "./media-error.ts";

/** What a media method answers: a MediaError travels as its code and message (RPC drops classes). */
export type MediaResult<T> = { ok: true; value: T } | { ok: false; code: MediaErrorCode; message: string };

/** The media Worker's entrypoint, as the MEDIA binding reaches it. */
export async function mediaService(): Promise<Env["MEDIA"]> {
  const { env } = await import("cloudflare:workers");
  const media = (env as Partial<Env>).MEDIA;
  if (!media) throw new Error("the MEDIA service binding (tsumugi-media, wrangler.media.toml) is not bound");
  return media;
}

/** The value of a media call, or its MediaError thrown again on this side. */
export async function unwrap<T>(answer: Promise<MediaResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new MediaError(result.code, result.message);
  return result.value;
}
