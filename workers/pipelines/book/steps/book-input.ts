/** The book pipeline's run input: an upload id, or small inline Markdown. */
import { z } from "zod";
import { isUploadId } from "../../../uploads/upload-store";

/** Inline text stays small (the API body limit is 1 MiB); books go through /v1/uploads. */
const MAX_INLINE_CHARS = 512 * 1024;

export const bookPipelineInputSchema = z
  .strictObject({
    upload: z.string().refine(isUploadId, "not an upload id (POST /v1/uploads first)").optional(),
    markdown: z.string().min(1).max(MAX_INLINE_CHARS).optional(),
    /** File name for inline Markdown (shown in outputs). */
    name: z.string().min(1).max(200).optional(),
    /** Overrides the book's own title. */
    title: z.string().min(1).max(200).optional(),
    /** Most estimated tokens per paragraph unit. */
    unitTokenBudget: z.number().int().min(100).max(4_000).optional(),
    /**
     * `chapters`: a review gate after each chapter's metadata (`chNN/metadata/review`), answered
     * per the run's mode (dialog: a person; auto / hybrid: the agent's critic). Default: none.
     */
    review: z.enum(["none", "chapters"]).optional(),
  })
  .refine((input) => (input.upload === undefined) !== (input.markdown === undefined), {
    message: "give exactly one of `upload` and `markdown`",
  });
export type BookPipelineInput = z.infer<typeof bookPipelineInputSchema>;
