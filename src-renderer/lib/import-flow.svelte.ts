import type { DatasetSize, SquareFit } from '../../src-main/shared/dataset';
import type { PreparedImport } from './studio-client';
import type { StudioState } from './studio-state.svelte';

/**
 * The import conversation: something is dropped or picked, the dialog asks for a name and a size, then the
 * import runs in the background while its progress shows in the corner. One instance serves the whole window.
 */
export class ImportFlow {
  pending = $state<PreparedImport | null>(null);
  /** Set by a view that takes drops for itself (Translate): dropped files go to it instead of the importer. */
  dropHandler = $state<((prepared: PreparedImport) => void) | null>(null);

  constructor(private readonly studio: StudioState) {}

  drop(data: DataTransfer): void {
    const prepared = this.studio.client.prepareDrop(data);
    if (!prepared) return;
    if (this.dropHandler) this.dropHandler(prepared);
    else this.pending = prepared;
  }

  async pick(): Promise<void> {
    const prepared = await this.studio.client.pickImport();
    if (prepared) this.pending = prepared;
  }

  confirm(prepared: PreparedImport, settings: { title: string; size: DatasetSize; fit: SquareFit }): void {
    this.pending = null;
    void this.studio.importFrom(prepared, settings);
  }

  cancel(): void {
    this.pending = null;
  }
}
