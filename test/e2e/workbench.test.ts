import * as assert from 'node:assert/strict';
import { exampleDown, exampleUp, openServicesView, openWorkbench, packageVsix, Workbench } from './support';

describe('e2e: the example stack in VS Code (code-server), as a person sees it', function () {
  this.timeout(180_000);
  let workbench: Workbench | undefined;

  before(exampleUp);
  after(async () => {
    await workbench?.close();
    await exampleDown();
  });

  it('shows Compose Health in the activity bar, and its Services view opens', async () => {
    workbench = await openWorkbench();
    const view = await openServicesView(workbench.page);
    const title = await workbench.page.locator('.part.sidebar .composite.title').innerText();
    assert.match(title, /Compose Health/i);
    assert.ok(await view.locator('.pane-header[aria-label^="Services"]').count(), 'the view has its Services section');
    await workbench.screenshot('services-view');
  });

  it('works the same from the packaged .vsix installed into code-server', async () => {
    await workbench?.close();
    const { vsix } = await packageVsix();
    workbench = await openWorkbench({ installedVsix: vsix });
    const view = await openServicesView(workbench.page);
    assert.ok(await view.locator('.pane-header[aria-label^="Services"]').count(), 'the view has its Services section');
    await workbench.screenshot('installed-services-view');
  });
});
