/** A deleted dataset or run, waiting in the library's trash until it is restored or expires. */

export type TrashKind = 'dataset' | 'run';

/** Days a deleted item can be restored before it is removed for good. */
export const TRASH_KEEP_DAYS = 7;

export interface TrashedItem {
  /** Names the trash entry; pass it to restore the item. */
  id: string;
  kind: TrashKind;
  name: string;
  deletedAt: string;
}
