import { baseName, programIndex, type SimpleCommand, type Word } from '../support/shell';

/**
 * The check behind `curl-without-fail` in both front ends: `curl URL` exits 0 on an HTTP 500 unless
 * `-f`/`--fail` is given, so the check never fails (a common real-world mistake). `wget` is not flagged:
 * it exits non-zero on HTTP errors, BusyBox's too. Output piped into another command (`| grep ok`) or
 * `-w` status checks are left alone: the script decides.
 */
export const CURL_WITHOUT_FAIL_MESSAGE =
  '`curl` without `-f`/`--fail` exits 0 even when the server answers 404 or 500, so this check passes whenever anything answers. Add `-f` (or `--fail`).';

/** Whether the command whose program is `words[program]` is a curl without a fail or status flag. */
export function isCurlWithoutFail(words: readonly Word[], program: number): boolean {
  if (baseName(words[program]?.text ?? '') !== 'curl') return false;
  const args = words.slice(program + 1).map((w) => w.text);
  return !args.some((a) => /^--fail(-with-body)?$/.test(a) || /^-[A-Za-z]*f[A-Za-z]*$/.test(a) || /^(-w|--write-out)$/.test(a) || a.startsWith('--write-out='));
}

/** The `curl` words (offsets in their script) of a script's commands (`simpleCommands`) that call curl without `--fail`. */
export function curlsWithoutFail(commands: readonly SimpleCommand[]): Word[] {
  const found: Word[] = [];
  for (const command of commands) {
    const p = programIndex(command.words);
    if (!command.pipedInto && isCurlWithoutFail(command.words, p)) found.push(command.words[p]);
  }
  return found;
}

/** For an argv (exec form): whether its program is a curl without `--fail`. */
export function execCurlWithoutFail(argv: readonly string[]): boolean {
  return isCurlWithoutFail(argv.map((text, i): Word => ({ text, start: i })), 0);
}
