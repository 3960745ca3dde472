/**
 * The program pipeline's input: a brief (what the program should do), an optional title and
 * optional knowledge-base document ids whose passages the spec may use. The run's `mode`
 * (dialog / auto) is a run option, not part of the input. The schema is the wire protocol's
 * (shared with `page` and the browser app).
 */
import { briefInputSchema, type BriefInput } from "../../protocol/brief";

export const programInputSchema = briefInputSchema;
export type ProgramInput = BriefInput;
