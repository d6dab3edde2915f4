// Global setup of the `browser` project: build the view if needed, start the platform once
// for every browser test file, hand its URLs to the tests (inject), stop it afterwards.
import type { TestProject } from 'vitest/node';
import buildView from './build-view.js';
import { startStack, type Stack } from './stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    mqttUrl: string;
  }
}

let stack: Stack | undefined;

export async function setup(project: TestProject): Promise<void> {
  buildView();
  stack = await startStack();
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('mqttUrl', stack.mqttUrl);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
