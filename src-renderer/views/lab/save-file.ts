/**
 * Hands a file to the person: a download in a browser, the save dialog in the desktop app (Electron asks where
 * to save a download when nothing else decides). The Blob URL lives only as long as the click needs it.
 */
export function saveFile(name: string, contents: string, type: string): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Copies text. The async clipboard needs a permission the desktop app may refuse (it denies permission
 * requests), so a refused write falls back to the selection-and-copy-command route, which needs none.
 * Resolves false when neither works.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithSelection(text);
  }
}

function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    // Deprecated, but the one copy that needs no permission, and still supported by Chromium.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
