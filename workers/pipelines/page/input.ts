/**
 * The page pipeline's input: a brief (what the site is for), an optional title and optional
 * knowledge-base document ids whose passages the spec may use. The run's `mode` is a run option.
 * The schema is the wire protocol's (shared with `program` and the browser app).
 */
import { briefInputSchema, type BriefInput } from "../../protocol/brief";

export const pageInputSchema = briefInputSchema;
export type PageInput = BriefInput;
