import { expectFix, expectNone, expectOne } from '../support';

describe('rule cmd-argv-spaces', () => {
  it('warns that a whole command line in one CMD item is looked up as one program name', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "curl -f http://localhost"]\n';
    const finding = expectOne(text, 'cmd-argv-spaces', 'warning', '"curl -f http://localhost"');
    expectFix(text, finding, text.replace('["CMD", "curl -f http://localhost"]', '["CMD-SHELL", "curl -f http://localhost"]'));
  });
  it('accepts arguments with spaces after the program', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      test: ["CMD", "mongosh", "--eval", "db.adminCommand(\'ping\')"]\n', 'cmd-argv-spaces');
  });
});
