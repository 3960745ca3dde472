/**
 * Model names as clients write them: "auto" (the router's chain with each provider's default
 * model), "provider/model" (that provider only), or a bare provider name.
 */
import { InvalidRequestError } from "./errors";
import { PROVIDER_NAMES, type ProviderName } from "./types";

export type ModelChoice = { providers?: ProviderName[]; model?: string };

function isProvider(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

export function parseModelName(name: string | undefined): ModelChoice {
  if (!name || name === "auto") return {};
  if (isProvider(name)) return { providers: [name] };
  const slash = name.indexOf("/");
  const provider = slash > 0 ? name.slice(0, slash) : "";
  if (!isProvider(provider)) {
    throw new InvalidRequestError(
      `Unknown model "${name}": use "auto" or "provider/model" with one of ${PROVIDER_NAMES.join(", ")}`,
    );
  }
  return { providers: [provider], model: name.slice(slash + 1) };
}
