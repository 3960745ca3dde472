/** The critic's prompt (prompts/critic/), with its A/B variants, bundled as text. */
import baseSystem from "../../../prompts/critic/system.md";
import baseMessage from "../../../prompts/critic/message.md";
import strictSystem from "../../../prompts/critic/variants/strict/system.md";
import strictMessage from "../../../prompts/critic/variants/strict/message.md";
import { PromptSet } from "../prompt-set";

export const criticPrompts = new PromptSet("critic", {
  base: { system: baseSystem, message: baseMessage },
  strict: { system: strictSystem, message: strictMessage },
});
