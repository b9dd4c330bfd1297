// Types of compose.mjs for the TypeScript tests (engine, host and e2e tiers).
export type ComposeVersion = 'v2' | 'v1';
export const COMPOSE_VERSIONS: ComposeVersion[];
export function testComposeVersion(env?: Record<string, string | undefined>): ComposeVersion;
export function composeLabel(version?: ComposeVersion): string;
export function composeArgv(version?: ComposeVersion): string[];
export function composeEnv(version?: ComposeVersion): Record<string, string>;
export function composeContainerName(project: string, service: string, number?: number, version?: ComposeVersion): string;
