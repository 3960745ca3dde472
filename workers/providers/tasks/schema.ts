/**
 * The task API's input shapes (POST /v1/tasks) live in the wire protocol; they are validated at
 * the boundary and again on claim. The queue message is internal and stays here.
 */
import { z } from "zod";

export {
  createTaskSchema,
  imageTaskInputSchema as imageTaskInput,
  TASK_STATUSES,
  textTaskInputSchema as textTaskInput,
  type CreateTask,
} from "../../protocol/tasks";

export type TaskMessage = { taskId: string };
export const taskMessageSchema = z.object({ taskId: z.string() });
