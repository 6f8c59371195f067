import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CheckpointMeta,
  decodeCheckpoint,
  encodeCheckpoint,
} from '../../src-main/engine/checkpoints/checkpoint-file';
import {
  checkpointFileName,
  listCheckpointSteps,
  loadLatestCheckpoint,
  saveCheckpoint,
} from '../../src-main/engine/checkpoints/checkpoint-store';
import type { TensorValues } from '../../src-main/engine/models/gan-trainer';
import { tempFolder } from '../fixtures/temp-folders';

function meta(step: number): CheckpointMeta {
  return {
    model: 'dcgan',
    step,
    seed: 3,
    learningRateScale: 1,
    rollbacks: 0,
    datasetHash: 'abc',
    config: { steps: 10 },
    counters: { adamGStep: step },
    random: { seed: 3, counter: step },
  };
}

function tensors(fill: number): TensorValues {
  return new Map([
    ['g/w', { shape: [2, 3], values: new Float32Array([1, 2, 3, 4, 5, fill]) }],
    ['d/b', { shape: [1], values: new Float32Array([fill / 3]) }],
  ]);
}

describe('checkpoint files', () => {
  it('round-trip tensors and meta exactly', () => {
    const decoded = decodeCheckpoint(encodeCheckpoint(meta(7), tensors(0.1)));
    expect(decoded.meta).toEqual(meta(7));
    expect([...decoded.tensors.keys()]).toEqual(['g/w', 'd/b']);
    expect(decoded.tensors.get('g/w')).toEqual({
      shape: [2, 3],
      values: new Float32Array([1, 2, 3, 4, 5, 0.1]),
    });
    expect(decoded.tensors.get('d/b')!.values[0]).toBe(Math.fround(0.1 / 3));
  });

  it('refuse a flipped byte, a cut-short file and a foreign file', () => {
    const file = encodeCheckpoint(meta(1), tensors(2));
    const flipped = Buffer.from(file);
    flipped[flipped.length - 40]! ^= 1;
    expect(() => decodeCheckpoint(flipped)).toThrow(/checksum mismatch/);
    expect(() => decodeCheckpoint(file.subarray(0, file.length - 10))).toThrow(/checksum mismatch/);
    expect(() => decodeCheckpoint(Buffer.from('hello world, this is not a checkpoint at all....'))).toThrow(
      /not a GAN Studio checkpoint/,
    );
  });
});

describe('the checkpoints folder', () => {
  it('keeps the newest few and indexes them with checksums', () => {
    const folder = tempFolder('ckpt');
    for (const step of [0, 5, 10, 15]) saveCheckpoint(folder, meta(step), tensors(step), 3);
    expect(listCheckpointSteps(folder)).toEqual([15, 10, 5]);
    const index = JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8'));
    expect(index.checkpoints.map((c: { step: number }) => c.step)).toEqual([5, 10, 15]);
    expect(index.checkpoints[2].sha256).toMatch(/^[0-9a-f]{64}$/);
    // No temp files are left behind.
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('falls back past a damaged newest checkpoint and quarantines it when asked', () => {
    const folder = tempFolder('ckpt');
    saveCheckpoint(folder, meta(5), tensors(5), 3);
    saveCheckpoint(folder, meta(10), tensors(10), 3);
    const newest = join(folder, checkpointFileName(10));
    writeFileSync(newest, readFileSync(newest).subarray(0, 100));
    const corrupt: string[] = [];
    const readOnly = loadLatestCheckpoint(folder, { onCorrupt: (path) => corrupt.push(path) });
    expect(readOnly?.meta.step).toBe(5);
    expect(corrupt).toEqual([newest]);
    expect(existsSync(newest)).toBe(true);

    const writer = loadLatestCheckpoint(folder, { quarantine: true });
    expect(writer?.meta.step).toBe(5);
    expect(existsSync(newest)).toBe(false);
    expect(existsSync(`${newest}.corrupt`)).toBe(true);
    expect(listCheckpointSteps(folder)).toEqual([5]);
  });

  it('finds nothing in an empty or missing folder', () => {
    expect(loadLatestCheckpoint(join(tmpdir(), 'no-such-folder-for-ckpt'))).toBeUndefined();
  });
});
