/**
 * The static checks of a generated site (static-checks.ts) run in the media Worker: parse5 and
 * acorn stay out of the main Worker's bundle (issue 16, cold start and bundle size).
 */
import { mediaService, unwrap } from "../../media/media-client";
import type { SiteFile } from "./schemas";
import type { Problem } from "./static-checks";

export type { Problem };

export async function checkSite(files: SiteFile[]): Promise<Problem[]> {
  return unwrap((await mediaService()).checkSite(files));
}
