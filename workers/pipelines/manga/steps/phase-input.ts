/** Every phase step takes no input of its own: it reads the story and the earlier phases. */
import { z } from "zod";

export const phaseInputSchema = z.strictObject({});
