/**
 * The live protocol moved to workers/protocol/live.ts (one wire protocol for HTTP and live
 * messages). This re-export keeps the engine's importers compiling until they import it directly.
 */
export * from "../protocol/live";
