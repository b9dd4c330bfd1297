import * as assert from 'node:assert/strict';
import { applyHealthcheck, declaredServicePorts, definesService } from '../../../src/core/suggest/yamlEdit';
import type { ComposeHealthcheck } from '../../../src/core/suggest/suggest';

const HC: ComposeHealthcheck = { test: ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/health'], interval: '10s', timeout: '1s', retries: 3, start_period: '5s' };

describe('suggest: writing the healthcheck into the compose file', () => {
  it("adds it after the service's last key in the file's own indentation, leaving comments and the next service alone", () => {
    const text = '# top\nservices:\n    web:\n        image: x # the app\n        ports: ["8080:80"]\n        # about db\n    db:\n        image: y\n';
    const result = applyHealthcheck(text, 'web', HC);
    assert.ok(result.ok);
    assert.equal(
      result.text,
      '# top\nservices:\n    web:\n        image: x # the app\n        ports: ["8080:80"]\n        healthcheck:\n' +
        '            test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]\n            interval: 10s\n            timeout: 1s\n' +
        '            retries: 3\n            start_period: 5s\n        # about db\n    db:\n        image: y\n',
    );
  });

  it('replaces an existing healthcheck whole (its trailing comment too) and writes start_interval when given', () => {
    const text = "services:\n  web:\n    healthcheck:\n      test: ['CMD', 'curl', '-f', 'http://localhost'] # no curl here\n      interval: 30s # old\n    image: 'x'\n";
    const result = applyHealthcheck(text, 'web', { ...HC, start_interval: '1s' });
    assert.ok(result.ok);
    assert.equal(
      result.text,
      "services:\n  web:\n    healthcheck:\n      test: ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/health']\n      interval: 10s\n      timeout: 1s\n" +
        "      retries: 3\n      start_period: 5s\n      start_interval: 1s\n    image: 'x'\n",
    );
  });

  it('keeps CRLF line endings, and the last service of a file without a final newline', () => {
    const result = applyHealthcheck('services:\r\n  web:\r\n    image: x', 'web', HC);
    assert.ok(result.ok);
    assert.ok(result.text.startsWith('services:\r\n  web:\r\n    image: x\r\n    healthcheck:\r\n      test: ["CMD"'));
    assert.ok(!/[^\r]\n/.test(result.text));
  });

  it('refuses with a reason, and changes nothing, for a flow-style service, an unknown service, broken YAML', () => {
    const flow = applyHealthcheck('services:\n  web: {image: x}\n', 'web', HC);
    assert.ok(!flow.ok && /flow style/.test(flow.message));
    const unknown = applyHealthcheck('services:\n  web:\n    image: x\n', 'api', HC);
    assert.ok(!unknown.ok && /no service "api"/.test(unknown.message));
    const broken = applyHealthcheck('services:\n  web:\n    image: [x\n', 'web', HC);
    assert.ok(!broken.ok && /not valid YAML/.test(broken.message));
  });

  it('finds the service in a later YAML document of the file', () => {
    const result = applyHealthcheck('services:\n  a:\n    image: x\n---\nservices:\n  b:\n    image: y\n', 'b', HC);
    assert.ok(result.ok && result.text.endsWith('  b:\n    image: y\n    healthcheck:\n      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]\n      interval: 10s\n      timeout: 1s\n      retries: 3\n      start_period: 5s\n'));
  });

  it("reads the container side of a service's ports and expose (short and long syntax, TCP only)", () => {
    const text = 'services:\n  web:\n    image: x\n    ports: ["127.0.0.1:8080:80", "9000", "53:53/udp", {target: 3000, published: 3001}]\n    expose: ["5000", 6000]\n';
    assert.deepEqual(declaredServicePorts(text, 'web'), [80, 3000, 5000, 6000, 9000]);
  });

  it('tells a file that defines a service from an override that only mentions it', () => {
    assert.equal(definesService('services:\n  web:\n    image: x\n', 'web'), true);
    assert.equal(definesService('services:\n  web:\n    environment: [A=1]\n', 'web'), false);
  });
});
