// Types of start.mjs for the TypeScript tests that reuse the example stack (test/e2e).
export const EXAMPLE_DIR: string;
export const EXAMPLE_FILE: string;
export const EXAMPLE_PROJECT: string;
export function exampleImages(file?: string): string[];
export function exampleUp(project?: string, options?: { env?: Record<string, string>; quiet?: boolean; file?: string }): Promise<void>;
export function exampleDown(project?: string, options?: { quiet?: boolean; file?: string }): Promise<void>;
export function compose(project: string, args: string[], options?: { env?: Record<string, string>; file?: string; quiet?: boolean }): Promise<void>;
