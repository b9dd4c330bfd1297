// Types of composeCommand.mjs for the TypeScript tests.
export interface ComposeCommand {
  flavour: 'v2' | 'v1';
  executable: string;
  /** `["compose"]` for v2, `[]` for docker-compose. */
  prefix: string[];
  label: 'docker compose' | 'docker-compose';
}
export function composeCommand(env?: Record<string, string | undefined>): ComposeCommand;
