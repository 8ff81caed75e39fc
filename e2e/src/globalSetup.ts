import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath, ensureWebBuilt, screenshotDir, startServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One seeded server for all journeys (each journey reads its own before/after state). */
export default async function setup(project: TestProject) {
  if (!chromiumPath()) throw new Error('chromium not found: apt-get install -y chromium fonts-noto-cjk');
  ensureWebBuilt();
  const t = Date.now();
  const server = await startServer();
  console.log(`e2e: server ready at ${server.baseUrl} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  project.provide('baseUrl', server.baseUrl);
  return async () => {
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(path.join(screenshotDir, 'server.log'), server.log());
    await server.stop();
  };
}
