/** A small seeded PRNG (mulberry32), so every fuzz run mutates the same way and a failure reproduces. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YAML_CHARS = [':', '-', '[', ']', '{', '}', '&', '*', '<<', '!', '|', '>', '"', "'", '#', '$', '${', '$$', '\t', '\n', ' ', '\u0000', '\uffff', '%', '?', ',', '@', '`'];

export type Mutation = (text: string, random: () => number) => string;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

export const MUTATIONS: Record<string, Mutation> = {
  flipChar(text, random) {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + pick(YAML_CHARS, random) + text.slice(at + 1);
  },
  flipByte(text, random) {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + text.slice(at + 1);
  },
  deleteLine(text, random) {
    const lines = text.split('\n');
    lines.splice(Math.floor(random() * lines.length), 1);
    return lines.join('\n');
  },
  duplicateLine(text, random) {
    const lines = text.split('\n');
    const at = Math.floor(random() * lines.length);
    lines.splice(at, 0, lines[at]);
    return lines.join('\n');
  },
  shiftIndent(text, random) {
    const lines = text.split('\n');
    const at = Math.floor(random() * lines.length);
    lines[at] = random() < 0.5 ? `${' '.repeat(1 + Math.floor(random() * 4))}${lines[at]}` : lines[at].replace(/^ {1,3}/, '');
    return lines.join('\n');
  },
  truncate(text, random) {
    return text.slice(0, Math.floor(random() * text.length));
  },
  swapLines(text, random) {
    const lines = text.split('\n');
    const a = Math.floor(random() * lines.length);
    const b = Math.floor(random() * lines.length);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return lines.join('\n');
  },
};

/** Applies 1–4 random mutations. */
export function mutate(text: string, random: () => number): { text: string; applied: string[] } {
  const names = Object.keys(MUTATIONS);
  const applied: string[] = [];
  let out = text;
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const name = pick(names, random);
    applied.push(name);
    out = MUTATIONS[name](out, random);
  }
  return { text: out, applied };
}
