/** Runs in Node before the workerd tests: starts the fake AI server they call over loopback. */
import type { TestProject } from "vitest/node";
import { startFakeAiServer } from "./fake-ai-server";

declare module "vitest" {
  export interface ProvidedContext {
    aiUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startFakeAiServer();
  project.provide("aiUrl", server.url);
  return () => server.close();
}
