/**
 * The loop guard (loop-guard.ts) runs in the media Worker: acorn stays out of the main Worker's
 * bundle (issue 16). A module that does not parse comes back as a GuardParseError, as before.
 */
import { mediaService } from "../media/media-client";
import { GuardParseError } from "./guard-names";

export async function guardLoops(source: string, modulePath: string): Promise<string> {
  const result = await (await mediaService()).guardLoops(source, modulePath);
  if (!result.ok) throw new GuardParseError(result.message);
  return result.value;
}
