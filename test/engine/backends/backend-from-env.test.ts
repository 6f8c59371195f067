import { describe, expect, it } from 'vitest';
import { backendFromEnv } from '../../../src-main/engine/backends/backend-from-env';

describe('backendFromEnv', () => {
  it('is undefined when GAN_STUDIO_BACKEND is unset or blank', () => {
    expect(backendFromEnv({})).toBeUndefined();
    expect(backendFromEnv({ GAN_STUDIO_BACKEND: '  ' })).toBeUndefined();
  });

  it.each(['node', 'wasm', 'cpu'] as const)('accepts %s, ignoring case and spaces', (choice) => {
    expect(backendFromEnv({ GAN_STUDIO_BACKEND: choice })).toBe(choice);
    expect(backendFromEnv({ GAN_STUDIO_BACKEND: ` ${choice.toUpperCase()} ` })).toBe(choice);
  });

  it.each(['tensorflow', 'webgl', 'gpu', 'nodejs'])(
    'rejects %s, naming the variable and the allowed values',
    (value) => {
      expect(() => backendFromEnv({ GAN_STUDIO_BACKEND: value })).toThrow(
        `GAN_STUDIO_BACKEND must be one of node, wasm, cpu (got "${value}")`,
      );
    },
  );

  it('reads process.env by default', () => {
    const saved = process.env.GAN_STUDIO_BACKEND;
    process.env.GAN_STUDIO_BACKEND = 'cpu';
    try {
      expect(backendFromEnv()).toBe('cpu');
    } finally {
      if (saved === undefined) delete process.env.GAN_STUDIO_BACKEND;
      else process.env.GAN_STUDIO_BACKEND = saved;
    }
  });
});
