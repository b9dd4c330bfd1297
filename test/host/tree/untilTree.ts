import type { RenderedItem, TreeTestApi } from '../../../src/tree/testApi';

/** Resolves once the rendered tree satisfies `check`, re-rendering after every redraw the tree makes. */
export async function untilTree(api: TreeTestApi, check: (rows: RenderedItem[]) => boolean, what: string, deadlineMs = 30_000, depth = 3): Promise<RenderedItem[]> {
  let rows = await api.render(depth);
  if (check(rows)) return rows;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}; the tree shows:\n${JSON.stringify(rows, null, 1)}`));
    }, deadlineMs);
    const subscription = api.onDidRefresh(async () => {
      rows = await api.render(depth);
      if (!check(rows)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(rows);
    });
  });
}
