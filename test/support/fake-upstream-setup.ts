/**
 * vitest globalSetup: starts the fake provider upstream (test/support/fake-upstream.ts) in Node
 * and hands its URL to the workerd tests (vitest.config.ts turns it into FAKE_UPSTREAM_URL).
 */
import type { TestProject } from "vitest/node";
import { startFakeUpstream } from "./fake-upstream";

declare module "vitest" {
  export interface ProvidedContext {
    fakeUpstreamUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const upstream = await startFakeUpstream();
  project.provide("fakeUpstreamUrl", upstream.url);
  return () => upstream.close();
}
