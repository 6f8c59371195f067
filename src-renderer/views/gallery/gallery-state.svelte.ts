import type { ExportKind, ExportResult, MediaPath } from '../../../src-main/shared/studio-api';
import type { StudioClient } from '../../lib/studio-client';

const PAGE = 24;

/**
 * One run's gallery: images for seeds 0, 1, 2, ... made on demand as they scroll into view, a selection,
 * favourites, an interpolation between two picks, and exports.
 */
export class GalleryState {
  truncation = $state(1);
  /** How many seeds the endless grid has so far; it grows as the user scrolls. */
  count = $state(PAGE * 4);
  images = $state<Record<number, MediaPath>>({});
  selected = $state<number[]>([]);
  favourites = $state<number[]>([]);
  showFavouritesOnly = $state(false);
  walk = $state<MediaPath[] | null>(null);
  exporting = $state(false);
  exported = $state<ExportResult | null>(null);
  error = $state<string | null>(null);

  readonly seeds = $derived(this.showFavouritesOnly ? this.favourites : null);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only; nothing renders it
  private requested = new Set<number>();

  constructor(
    private readonly client: StudioClient,
    readonly run: string,
  ) {}

  async open(): Promise<void> {
    try {
      this.favourites = await this.client.call('gallery.favourites', { run: this.run });
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** The grid shows cells [first, last): make sure their images exist, and grow the grid near its end. */
  visible(first: number, last: number): void {
    if (!this.showFavouritesOnly && last > this.count - PAGE) this.count += PAGE * 2;
    const wanted: number[] = [];
    for (let i = first; i < last; i++) {
      const seed = this.seedAt(i);
      if (seed !== undefined && !this.requested.has(seed)) wanted.push(seed);
    }
    for (let start = 0; start < wanted.length; start += PAGE)
      void this.load(wanted.slice(start, start + PAGE));
  }

  seedAt(index: number): number | undefined {
    return this.seeds ? this.seeds[index] : index;
  }

  setTruncation(value: number): void {
    this.truncation = value;
    this.images = {};
    this.requested.clear();
    this.walk = null;
  }

  toggleSelected(seed: number): void {
    this.selected = this.selected.includes(seed)
      ? this.selected.filter((s) => s !== seed)
      : [...this.selected, seed];
    this.walk = null;
  }

  async toggleFavourite(seed: number): Promise<void> {
    const favourite = !this.favourites.includes(seed);
    this.favourites = await this.client.call('gallery.setFavourite', { run: this.run, seed, favourite });
  }

  async interpolate(): Promise<void> {
    const [from, to] = this.selected;
    if (from === undefined || to === undefined) return;
    try {
      const { frames } = await this.client.call('gallery.interpolate', {
        run: this.run,
        from,
        to,
        frames: 9,
        truncation: this.truncation,
      });
      this.walk = frames;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async export(kind: ExportKind, upscale: number): Promise<void> {
    await this.exportTo((folder) =>
      this.client.call('gallery.export', {
        run: this.run,
        kind,
        seeds: this.selected,
        truncation: this.truncation,
        upscale,
        ...(folder ? { folder } : {}),
      }),
    );
  }

  /** The run's generator as a TensorFlow.js model, to make images in a web page. */
  async exportModel(): Promise<void> {
    await this.exportTo((folder) =>
      this.client.call('runs.exportModel', { name: this.run, ...(folder ? { folder } : {}) }),
    );
  }

  /** Asks for a folder (desktop; web mode downloads instead), then exports into it. */
  private async exportTo(write: (folder: string | undefined) => Promise<ExportResult>): Promise<void> {
    const folder = await this.client.pickExportFolder();
    if (folder === null) return;
    this.exporting = true;
    this.error = null;
    try {
      this.exported = await write(folder);
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.exporting = false;
    }
  }

  private async load(seeds: number[]): Promise<void> {
    if (seeds.length === 0) return;
    seeds.forEach((seed) => this.requested.add(seed));
    const truncation = this.truncation;
    try {
      const images = await this.client.call('gallery.sample', { run: this.run, seeds, truncation });
      if (truncation !== this.truncation) return;
      for (const image of images) this.images[image.seed] = image.media;
    } catch (error) {
      seeds.forEach((seed) => this.requested.delete(seed));
      this.error = (error as Error).message;
    }
  }
}
