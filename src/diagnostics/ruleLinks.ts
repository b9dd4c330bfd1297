import * as vscode from 'vscode';
import { readTextFile } from '../core/compose/files';
import { ruleSectionLines } from '../core/lint/rulesDoc';

/**
 * Where a diagnostic's code link goes: the rule's own section of the packaged docs/rules.md (it ships
 * in the .vsix, so the link works offline and matches the version). Read once, on the first link made,
 * not at activation.
 */
export class RuleLinks {
  private sections: Map<string, number> | undefined;

  constructor(private readonly rulesDoc: vscode.Uri) {}

  /** `rules.md#L<line>` of the `## <code>` heading; the file's top for a code it has no section for. */
  target(code: string): vscode.Uri {
    if (!this.sections) {
      const read = readTextFile(this.rulesDoc.fsPath, 1024 * 1024);
      this.sections = read.ok ? ruleSectionLines(read.text) : new Map();
    }
    const line = this.sections.get(code);
    return line ? this.rulesDoc.with({ fragment: `L${line}` }) : this.rulesDoc;
  }
}
