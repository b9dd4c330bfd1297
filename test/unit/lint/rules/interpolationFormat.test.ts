import * as assert from 'node:assert/strict';
import { expectNone, expectOne, yaml } from '../support';

describe('rule interpolation-format', () => {
  it('reports a ${ that starts no valid substitution, where it is written', () => {
    const text = yaml`
      services:
        web:
          image: "nginx:\${TAG:=latest}"
    `;
    const finding = expectOne(text, 'interpolation-format', 'error', '${TAG:=latest}');
    assert.match(finding.message, /invalid interpolation format for services\.web\.image/);
  });
  it('reports an unclosed ${', () => {
    const text = 'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: "echo ${HOME"\n';
    expectOne(text, 'interpolation-format', 'error', '${HOME"');
  });
  it('accepts every documented form, nested defaults and $$ escapes', () => {
    const text = yaml`
      services:
        web:
          image: "\${A}\${B:-x}\${C-x}\${D:?err msg}\${E?e}\${F:+alt}\${G+alt}\${H:-\${I:-deep}}"
          healthcheck:
            test: ["CMD-SHELL", "echo $$HOME $\${USER} $$(date)"]
    `;
    expectNone(text, 'interpolation-format');
  });
  it('keeps $( and a lone $ literal, as compose-go v1.6+ does', () => {
    const text = 'services:\n  web:\n    entrypoint: sh -c \'echo $(date) costs 5$\'\n';
    expectNone(text, 'interpolation-format');
  });
  it('does not interpolate keys', () => {
    expectNone('x-${weird}: 1\nservices: {}\n', 'interpolation-format');
  });
});
