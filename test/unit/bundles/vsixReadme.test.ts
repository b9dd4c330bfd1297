import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
// tsc turns import() into require(), which cannot load esbuild.mjs (an ES module).
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ vsixReadme: (root: string) => string }>;

describe('bundles: the README the .vsix ships', () => {
  it("inlines each of README.md's screenshots as a PNG data: URI (the details page shows only https: and data: images)", async () => {
    const { vsixReadme } = await importEsm(path.join(root, 'esbuild.mjs'));
    const source = readFileSync(path.join(root, 'README.md'), 'utf8');
    const relative = [...source.matchAll(/!\[[^\]]*\]\(([^):\s]+\.png)\)/g)].map((m) => m[1]);
    assert.ok(relative.length > 0, 'README.md links screenshots');

    const packaged = vsixReadme(root);
    const images = [...packaged.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.equal(images.length, relative.length, 'one image per screenshot');
    images.forEach((src, i) => {
      const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(src);
      assert.ok(match, `image ${i + 1} is a PNG data: URI, not ${src.slice(0, 60)}`);
      assert.deepEqual(Buffer.from(match[1], 'base64'), readFileSync(path.join(root, relative[i])), `image ${i + 1} is ${relative[i]}`);
    });
    // Everything but the image sources is the repository README unchanged.
    assert.equal(packaged.replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/g, '<png>'), source.replace(/(!\[[^\]]*\]\()[^):\s]+\.png\)/g, '$1<png>)'));
  });
});
