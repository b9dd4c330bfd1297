/**
 * The 1-based line of each rule's section heading (`## <code>`) in docs/rules.md. A diagnostic's code
 * link points there with a `#L<line>` fragment: VS Code's editor opener turns that fragment into a
 * selection (`extractSelection`, vs/platform/opener), while a heading fragment such as `#yaml-syntax`
 * opens the file at its top.
 */
export function ruleSectionLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  markdown.split('\n').forEach((line, i) => {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) lines.set(heading[1], i + 1);
  });
  return lines;
}
