import type { Page } from 'playwright-core';

/**
 * Drags files or folders from the desktop onto the page, as Chromium receives a real drag: the page gets real
 * files and can read a folder's entries (a DataTransfer built in the page can hold neither folders nor paths).
 * `before` runs while the drag hovers over the window, before the drop.
 */
export async function dragOntoWindow(
  page: Page,
  paths: string[],
  before?: () => Promise<void>,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    const send = (type: 'dragEnter' | 'dragOver' | 'drop') =>
      cdp.send('Input.dispatchDragEvent', { type, x: 700, y: 400, data });
    await send('dragEnter');
    await send('dragOver');
    await before?.();
    await send('drop');
  } finally {
    await cdp.detach();
  }
}
