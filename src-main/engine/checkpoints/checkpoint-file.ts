import { createHash } from 'node:crypto';
import type { TensorValues } from '../models/gan-trainer';

/*
 * One checkpoint is one file:
 *   "GANCKPT1" | u32 LE header length | header JSON | float32 LE tensor data | sha256 of everything before it
 * so a file either verifies completely or is refused; there are no partial checkpoints.
 */

const MAGIC = Buffer.from('GANCKPT1', 'ascii');
const DIGEST_BYTES = 32;

/** What a checkpoint records besides the tensors. */
export interface CheckpointMeta {
  model: string;
  /** Training steps completed when it was written. */
  step: number;
  seed: number;
  learningRateScale: number;
  rollbacks: number;
  /** sha256 of the dataset's pixel cache when the run started. */
  datasetHash: string;
  /** The run's full config. */
  config: unknown;
  /** Optimizer step counts and such. */
  counters: Record<string, number>;
  /** The random state: counter-based, so the seed and the step say everything. */
  random: { seed: number; counter: number };
}

interface TensorEntry {
  name: string;
  shape: number[];
  /** Offset in float32 elements from the start of the tensor data. */
  offset: number;
  length: number;
}

interface Header {
  format: 'gan-studio-checkpoint';
  version: 1;
  meta: CheckpointMeta;
  tensors: TensorEntry[];
}

export function encodeCheckpoint(meta: CheckpointMeta, tensors: TensorValues): Buffer {
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const [name, { shape, values }] of tensors) {
    entries.push({ name, shape, offset, length: values.length });
    offset += values.length;
  }
  const header: Header = { format: 'gan-studio-checkpoint', version: 1, meta, tensors: entries };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const data = new Float32Array(offset);
  for (const [i, { values }] of [...tensors.values()].entries()) data.set(values, entries[i]!.offset);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const body = Buffer.concat([
    MAGIC,
    length,
    headerBytes,
    Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  ]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

export class CorruptCheckpointError extends Error {}

export function decodeCheckpoint(file: Buffer): { meta: CheckpointMeta; tensors: TensorValues } {
  if (file.length < MAGIC.length + 4 + DIGEST_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new CorruptCheckpointError('not a GAN Studio checkpoint (bad magic or too short)');
  }
  const body = file.subarray(0, file.length - DIGEST_BYTES);
  if (
    !createHash('sha256')
      .update(body)
      .digest()
      .equals(file.subarray(file.length - DIGEST_BYTES))
  ) {
    throw new CorruptCheckpointError('checksum mismatch: the file is damaged or incomplete');
  }
  const headerLength = body.readUInt32LE(MAGIC.length);
  const dataStart = MAGIC.length + 4 + headerLength;
  const header = JSON.parse(body.subarray(MAGIC.length + 4, dataStart).toString('utf8')) as Header;
  if (header.format !== 'gan-studio-checkpoint' || header.version !== 1) {
    throw new CorruptCheckpointError(`unsupported checkpoint format ${header.format} v${header.version}`);
  }
  // Copy out of the file buffer: its float data need not be 4-byte aligned.
  const data = new Float32Array(new Uint8Array(body.subarray(dataStart)).buffer);
  const tensors: TensorValues = new Map();
  for (const entry of header.tensors) {
    if (entry.offset + entry.length > data.length)
      throw new CorruptCheckpointError(`tensor ${entry.name} is cut short`);
    tensors.set(entry.name, {
      shape: entry.shape,
      values: data.subarray(entry.offset, entry.offset + entry.length),
    });
  }
  return { meta: header.meta, tensors };
}
