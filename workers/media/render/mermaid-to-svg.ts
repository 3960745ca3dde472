/**
 * Mermaid → SVG, laid out by the media Worker (workers/media/service/mermaid-layout.ts:
 * beautiful-mermaid + ELK, CSS variables inlined for resvg).
 */
import { mediaService, unwrap } from "../media-client.ts";

/**
 * @example
 * const svg = await mermaidToSvg("graph TD\n  A[開始] --> B[終了]");
 * @throws MediaError mermaid_invalid
 */
export async function mermaidToSvg(code: string): Promise<string> {
  return unwrap((await mediaService()).mermaidToSvg(code));
}
