/*
 * Web mode's way of getting a folder to the importer: the browser reads the picked or dropped folder (keeping
 * each file's path inside it, so subfolders still become classes) and uploads the files to the server.
 */

export interface UploadFile {
  /** Path inside what was picked, with '/' separators, e.g. "cats/tabby/1.jpg". */
  path: string;
  file: File;
}

const PARALLEL_UPLOADS = 4;

export async function uploadFiles(
  files: UploadFile[],
  auth: Record<string, string>,
  onProgress?: (done: number, total: number) => void,
): Promise<string> {
  const created = await fetch('/upload', { method: 'POST', headers: auth });
  const reply = (await created.json()) as { ok: boolean; value?: { uploadId: string }; error?: string };
  if (!reply.ok || !reply.value) throw new Error(reply.error ?? 'could not start the upload');
  const { uploadId } = reply.value;
  let done = 0;
  onProgress?.(0, files.length);
  const queue = [...files];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const path = next.path.split('/').map(encodeURIComponent).join('/');
      const response = await fetch(`/upload/${uploadId}/${path}`, {
        method: 'PUT',
        headers: auth,
        body: next.file,
      });
      if (!response.ok) throw new Error(`uploading ${next.path} failed (${response.status})`);
      onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
  return uploadId;
}

/** Opens the browser's folder picker; resolves to the folder's files ([] if cancelled). */
export function pickFolderInBrowser(): Promise<UploadFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.webkitdirectory = true;
    input.setAttribute('data-testid', 'folder-picker');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file })));
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

/** Every file in what was dropped: folders are read recursively; loose files keep just their name. */
export async function collectDroppedFiles(data: DataTransfer): Promise<UploadFile[]> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((entry) => entry === null)) {
    return [...data.files].map((file) => ({ path: file.name, file }));
  }
  const files: UploadFile[] = [];
  for (const entry of entries) if (entry) await readEntry(entry, '', files);
  return files;
}

async function readEntry(entry: FileSystemEntry, prefix: string, into: UploadFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    into.push({ path, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands out a directory in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    for (const child of batch) await readEntry(child, path, into);
  }
}
