import * as assert from 'node:assert/strict';
import { lintDockerfileText } from '../../../src/core/lint/dockerfile';

/** Every finding's code, for inputs that must give a clear finding or a clear refusal, never an exception. */
const codes = (text: string) => lintDockerfileText(text).map((f) => f.code);

describe('Dockerfile bad input', () => {
  it('a 10 MB Dockerfile is refused with check-limit, not parsed', function () {
    this.timeout(20_000);
    const text = `FROM alpine\n${'RUN echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'.repeat(170_000)}`;
    assert.ok(text.length > 10_000_000);
    assert.deepEqual(codes(text), ['check-limit']);
  });

  it('a binary file named Dockerfile is refused with dockerfile-not-text', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 151 + 7) % 256;
    assert.deepEqual(codes(bytes.toString('latin1')), ['dockerfile-not-text']);
  });

  it('an unterminated exec form, also spread over continuation lines, is the shell form BuildKit runs', () => {
    assert.deepEqual(codes('FROM alpine\nHEALTHCHECK CMD ["curl", \\\n  "-f"'), ['healthcheck-json-invalid']);
  });

  it('a heredoc in HEALTHCHECK (BuildKit takes heredocs in RUN, COPY and ADD only) is read as its text, and RUN heredocs as scripts', () => {
    assert.doesNotThrow(() => codes('FROM alpine\nHEALTHCHECK CMD <<EOF\ncurl -f x\nEOF\n'));
    assert.deepEqual(codes('FROM alpine\nRUN <<EOF\nunterminated heredoc\n'), []);
  });

  it('odd escape directives: empty (a comment: BuildKit\'s directive pattern needs a value), after an instruction, repeated, unknown', () => {
    assert.deepEqual(codes('# escape=\nFROM alpine\n'), []);
    assert.deepEqual(codes('FROM alpine\n# escape=x\n'), []);
    assert.deepEqual(codes('# escape=`\n# escape=\\\nFROM alpine\n'), ['dockerfile-escape-invalid']);
    assert.deepEqual(codes('# escape=\\\\\nFROM alpine\n'), ['dockerfile-escape-invalid']);
  });

  it('instructions before any FROM, an empty file, only comments, CRLF and lone CR line ends', () => {
    assert.deepEqual(codes('HEALTHCHECK CMD\n'), []);
    assert.deepEqual(codes(''), []);
    assert.deepEqual(codes('# nothing\n'), []);
    assert.deepEqual(codes('FROM alpine\r\nHEALTHCHECK --interval=30 CMD true\r\n'), ['duration-missing-unit']);
    assert.deepEqual(codes('FROM alpine\rHEALTHCHECK --interval=30 CMD true\r'), ['duration-missing-unit']);
  });
});
