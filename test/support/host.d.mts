// Types of host.mjs for the TypeScript tests that drive the workbench (test/e2e).
import type { Browser, Page } from 'playwright-core';

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  stop(): Promise<void>;
}
export function startCodeServer(options: {
  workspace: string;
  trust?: boolean;
  env?: Record<string, string>;
  extensionsDir?: string;
  dataDir?: string;
  port?: number;
}): Promise<CodeServer>;
export function workbenchUrl(options: {
  url: string;
  port: number;
  workspace: string;
  extensionPath?: string;
  testsPath?: string;
}): string;
export function launchChromium(): Promise<Browser>;
export function runCommandFromPalette(page: Page, title: string, timeoutMs?: number): Promise<void>;
export function screenshot(page: Page, name: string): Promise<void>;
export function installVsix(vsix: string, extensionsDir: string): Promise<void>;
export function packageVsix(): Promise<{ vsix: string; vsixBytes: number; extensionBundleBytes: number; engineBundleBytes: number; cliBundleBytes: number }>;
export function quietSettings(options?: { trust?: boolean }): Record<string, unknown>;
