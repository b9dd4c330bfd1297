import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { interpolate } from './interpolate';
import { LineIndex, type Range } from './range';

/** Where a shared block (anchor, merge key) is used in the linted document. */
export interface Via {
  /** The alias (`*name`) or merge site in the linted document. */
  range: Range;
  /** Describes what was brought in, e.g. `the anchor &defaults (line 3)`. */
  label: string;
}

/** A key of a mapping after alias and `<<` merge-key resolution, with where it came from. */
export interface Entry {
  key: string;
  keyNode: Scalar;
  /** The value with aliases followed; null when empty (`key:`). */
  value: Node | null;
  /** Set when the value came through an alias or merge key: the site of that use. */
  via?: Via;
  /** The file this entry is written in, when not the linted document (extends `file:`, a base file). */
  foreign?: string;
  /** `key: !reset …` (compose-go loader/reset.go): the key is removed from what it is merged over. */
  reset?: boolean;
}

export interface InterpolationError {
  range: Range;
  /** The offending text, e.g. `${A:=b}`. */
  text: string;
  /** Where Compose says it is, e.g. `services.web.image` (for the first few errors of a document). */
  path?: string;
}

/** Paths are looked up only for this many interpolation errors: garbage can hold thousands. */
const MAX_ERROR_PATHS = 20;

/**
 * One pass over a parsed document: anchors in document order (so an alias resolves to the latest anchor
 * of its name before it, as YAML says), and every string value's interpolation syntax. Alias and merge
 * resolution afterwards is memoised and counted, so an alias bomb costs at most `maxAliasResolutions`.
 */
export class YamlIndex {
  readonly interpolationErrors: InterpolationError[] = [];
  private readonly anchorNodes = new Map<string, Node>();
  /** Aliases with no anchor of their name before them: go-yaml fails with `unknown anchor`. */
  readonly unknownAliases: Alias[] = [];
  aliasLimitHit: Range | undefined;
  private readonly aliasTargets = new Map<Alias, Node | undefined>();
  private readonly mergedMaps = new WeakMap<YAMLMap, Map<string, Entry>>();
  private readonly inProgress = new Set<YAMLMap>();
  private resolutions = 0;
  /** Lines are needed only to name an anchor's line in a message; LineIndex counts them on first use. */
  private readonly lines: LineIndex;

  constructor(
    /** Every YAML document of the file (compose-go reads them all, later ones merged over earlier ones). */
    readonly documents: Document[],
    readonly text: string,
    private readonly maxAliasResolutions: number,
    private readonly foreign?: string,
  ) {
    this.lines = new LineIndex(text);
    this.walk();
  }

  private walk(): void {
    for (const doc of this.documents) {
      // Anchors are scoped to their document (YAML 1.2 §3.2.2.2).
      this.anchorNodes.clear();
      this.scan(doc.contents);
    }
    this.interpolationErrors.slice(0, MAX_ERROR_PATHS).forEach((error, i) => {
      error.path = this.pathOf(this.errorNodes[i]);
    });
  }

  private readonly errorNodes: Scalar[] = [];

  /** The dotted path of a node, as compose-go names values in its messages (`services.web.image`). */
  private pathOf(target: Node): string | undefined {
    const stack: Array<{ node: unknown; path: string[] }> = this.documents.map((doc) => ({ node: doc.contents, path: [] }));
    while (stack.length > 0) {
      const { node, path } = stack.pop()!;
      if (node === target) return path.join('.');
      if (isMap(node)) {
        for (const pair of node.items) stack.push({ node: pair.value, path: [...path, isScalar(pair.key) ? String(pair.key.value) : '?'] });
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => stack.push({ node: item, path: [...path, `[${i}]`] }));
      }
    }
    return undefined;
  }

  /** The top-level node of each document, aliases followed. */
  roots(): Array<Node | null> {
    return this.documents.map((doc) => this.deref(doc.contents));
  }

  private scan(contents: unknown): void {
    const stack: unknown[] = [contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isAlias(node)) {
        const target = this.anchorNodes.get(node.source);
        this.aliasTargets.set(node, target);
        if (!target) this.unknownAliases.push(node);
        continue;
      }
      if (!node || typeof node !== 'object') continue;
      const anchor = (node as Node).anchor;
      if (anchor) this.anchorNodes.set(anchor, node as Node);
      if (isScalar(node)) {
        // Only a `${` can be malformed (compose-go keeps any other `$` literally).
        if (typeof node.value === 'string' && node.value.includes('${')) this.checkInterpolation(node);
      } else if (isMap(node) || isSeq(node)) {
        const items = node.items as unknown[];
        for (let i = items.length - 1; i >= 0; i--) {
          const item = items[i];
          if (isPair(item)) {
            stack.push(item.value);
            // Keys are not interpolated (compose-go interpolates values only); only register anchors.
            if (isScalar(item.key)) {
              if (item.key.anchor) this.anchorNodes.set(item.key.anchor, item.key);
            } else {
              stack.push(item.key);
            }
          } else {
            stack.push(item);
          }
        }
      }
    }
  }

  private checkInterpolation(node: Scalar): void {
    const parsed = interpolate(node.value as string, () => undefined);
    if (!parsed.error) return;
    const [start, end] = node.range ?? [0, 0];
    // Report the construct where it is written: `$` syntax reads the same in the source of a plain,
    // quoted or block scalar, so scanning the source finds the same offending text.
    const inSource = interpolate(this.text.slice(start, end), () => undefined).error;
    const range = inSource ? { start: start + inSource.start, end: start + inSource.end } : { start, end };
    this.interpolationErrors.push({ range, text: parsed.error.text });
    this.errorNodes.push(node);
  }

  /** Follows an alias to its anchored node (counted); other nodes are returned as they are. */
  deref(node: unknown): Node | null {
    if (isAlias(node)) {
      if (!this.count(node)) return null;
      const target = this.aliasTargets.get(node);
      return target && !isAlias(target) ? target : null;
    }
    return node && typeof node === 'object' ? (node as Node) : null;
  }

  /**
   * The keys of a mapping after `<<` merge keys (single alias, list of aliases, inline mapping): own keys
   * win over merged ones and earlier merge sources over later ones (YAML merge-key spec; go-yaml does the
   * same). Entries reached through a merge carry the merge site as `via`.
   */
  entries(map: YAMLMap): Map<string, Entry> {
    // Only an anchored mapping can be reached twice (through aliases): memoise those, which also keeps a
    // merge-key bomb linear.
    const cached = map.anchor ? this.mergedMaps.get(map) : undefined;
    if (cached) return cached;
    const result = new Map<string, Entry>();
    if (this.inProgress.has(map)) return result;
    this.inProgress.add(map);
    const merges: Node[] = [];
    for (const pair of map.items) {
      const key = pair.key;
      if (!isScalar(key)) continue;
      if (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN')) {
        if (isSeq(pair.value)) merges.push(...(pair.value.items as Node[]));
        else if (pair.value) merges.push(pair.value as Node);
        continue;
      }
      const name = String(key.value);
      if (!result.has(name)) result.set(name, this.entry(name, key, pair.value));
    }
    for (const source of merges) {
      const target = this.deref(source);
      if (!isMap(target)) continue;
      const via = isAlias(source) ? this.viaFor(source, target) : undefined;
      for (const [name, inherited] of this.entries(target)) {
        if (!result.has(name)) result.set(name, { ...inherited, via: via ?? inherited.via });
      }
    }
    this.inProgress.delete(map);
    if (map.anchor) this.mergedMaps.set(map, result);
    return result;
  }

  /** One key of a mapping; scans the items directly unless the mapping has merge keys. */
  get(map: YAMLMap, key: string): Entry | undefined {
    for (const pair of map.items) {
      const k = pair.key;
      if (!isScalar(k)) continue;
      if (typeof k.value === 'symbol') return this.entries(map).get(key);
      if (k.value === key) return this.entry(key, k, pair.value);
    }
    return undefined;
  }

  /** An entry for a key whose value may be an alias: the alias site becomes the entry's `via`. */
  entry(name: string, keyNode: Scalar, rawValue: unknown): Entry {
    if ((rawValue as Node | null)?.tag === '!reset') return { key: name, keyNode, value: null, reset: true, ...(this.foreign ? { foreign: this.foreign } : {}) };
    const value = this.deref(rawValue);
    const entry: Entry = { key: name, keyNode, value };
    if (isAlias(rawValue) && value) entry.via = this.viaFor(rawValue, value);
    if (this.foreign) entry.foreign = this.foreign;
    return entry;
  }

  viaFor(alias: Alias, target: Node): Via {
    // The anchor is written just before its node (`&name` may sit on the line above a block mapping).
    const start = target.range?.[0] ?? 0;
    const anchorAt = this.text.lastIndexOf(`&${alias.source}`, start);
    const line = this.lines.positionAt(anchorAt >= 0 ? anchorAt : start).line + 1;
    return { range: rangeOf(alias), label: `the anchor &${alias.source} (line ${line})` };
  }

  private count(alias: Alias): boolean {
    if (++this.resolutions <= this.maxAliasResolutions) return true;
    this.aliasLimitHit ??= rangeOf(alias);
    return false;
  }
}

export function rangeOf(node: Node | null | undefined): Range {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}
