/**
 * Caps that keep an import of an arbitrary folder bounded in time and memory. A folder picked by a person can
 * hold anything (a home folder, a bind-mount loop, a 2 GB TIFF, a decompression bomb), so every unbounded
 * quantity has a cap, and hitting one is reported rather than waited out.
 */
export interface ImportLimits {
  /** Folders nested deeper than this under an imported folder are not entered. */
  maxDepth: number;
  /** Candidate files considered per import; the walk stops at this many. */
  maxFiles: number;
  /** Bigger files are skipped without being read. */
  maxFileBytes: number;
  /** Images whose header claims more pixels than this are refused before any pixel is decoded. */
  maxMegapixels: number;
  /** Images decoded at the same time. Each holds its file bytes and decoded pixels in memory. */
  concurrency: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  maxDepth: 16,
  maxFiles: 100_000,
  maxFileBytes: 256 * 1024 * 1024,
  maxMegapixels: 64,
  concurrency: 3,
};

export function resolveImportLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`invalid import limit ${key}: ${String(value)} (must be a positive number)`);
    }
  }
  if (!Number.isInteger(limits.concurrency)) {
    throw new Error(`invalid import limit concurrency: ${limits.concurrency} (must be a whole number)`);
  }
  return limits;
}

export function megapixelLimitInPixels(limits: ImportLimits): number {
  return Math.floor(limits.maxMegapixels * 1_000_000);
}

export function formatBytes(bytes: number): string {
  const round = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
