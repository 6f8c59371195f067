import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultWasmThreads } from '../../../src-main/engine/backends/wasm-thread-count';

describe('defaultWasmThreads', () => {
  it('uses every core up to 4 when GAN_STUDIO_THREADS is unset or blank', () => {
    const expected = Math.min(4, os.availableParallelism());
    expect(defaultWasmThreads({})).toBe(expected);
    expect(defaultWasmThreads({ GAN_STUDIO_THREADS: '  ' })).toBe(expected);
  });

  it('takes GAN_STUDIO_THREADS from 1 to 8', () => {
    expect(defaultWasmThreads({ GAN_STUDIO_THREADS: '1' })).toBe(1);
    expect(defaultWasmThreads({ GAN_STUDIO_THREADS: ' 8 ' })).toBe(8);
  });

  it.each(['0', '9', '1.5', 'two', '-2'])('names GAN_STUDIO_THREADS when it is %j', (raw) => {
    expect(() => defaultWasmThreads({ GAN_STUDIO_THREADS: raw })).toThrow(
      `GAN_STUDIO_THREADS must be an integer from 1 to 8 (got "${raw}")`,
    );
  });
});
