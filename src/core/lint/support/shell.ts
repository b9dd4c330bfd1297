/**
 * Just enough of a POSIX shell reader to find simple commands and their words in a healthcheck script
 * (for `curl` without `--fail`, `exit 2`): quotes and backslashes are honoured, `|| && | ; & ( )` and line
 * breaks separate commands. It never runs anything.
 */
export interface Word {
  text: string;
  /** Offset of the word in the script. */
  start: number;
}

export interface SimpleCommand {
  words: Word[];
  /** True when the command's output goes into a pipe (`curl … | grep ok`). */
  pipedInto: boolean;
}

export function simpleCommands(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let word = '';
  let wordStart = -1;
  let quote: string | undefined;
  const endWord = () => {
    if (wordStart >= 0) words.push({ text: word, start: wordStart });
    word = '';
    wordStart = -1;
  };
  const endCommand = (pipedInto: boolean) => {
    endWord();
    if (words.length > 0) commands.push({ words, pipedInto });
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < script.length) word += script[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      if (wordStart < 0) wordStart = i;
      quote = c;
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] === '\n') {
        i++;
        continue;
      }
      if (wordStart < 0) wordStart = i;
      word += script[++i];
      continue;
    }
    if (c === '|' && script[i + 1] !== '|') {
      endCommand(true);
      continue;
    }
    if (c === '|' || c === '&' || c === ';' || c === '\n' || c === '(' || c === ')') {
      if (c === '&' && script[i - 1] === '>') {
        word += c;
        continue;
      }
      if ((c === '|' || c === '&') && script[i + 1] === c) i++;
      endCommand(false);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      continue;
    }
    if (wordStart < 0) wordStart = i;
    word += c;
  }
  endCommand(false);
  return commands;
}

const WRAPPERS = new Set(['exec', 'command', 'nohup', 'env', 'time']);

/** Index of the command's program word, skipping `VAR=x` assignments and wrappers (`exec`, `timeout 5`). */
export function programIndex(words: Word[]): number {
  let i = 0;
  while (i < words.length) {
    const text = words[i].text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(text) || WRAPPERS.has(text)) i++;
    else if (text === 'timeout') i += 2;
    else break;
  }
  return i;
}

export function baseName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

/** Shells that take a script after `-c`: their `-c` argument is shell syntax on purpose. */
export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);
