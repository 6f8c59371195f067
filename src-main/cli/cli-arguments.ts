import { type Command, InvalidArgumentError, Option } from 'commander';
import { DATASET_SIZES, type DatasetSize } from '../shared/dataset';

/*
 * Parsers for option values. Commander prefixes their messages with the option's name, so a bad argument
 * always names itself: "option '--steps <n>' argument 'ten' is invalid. expected a whole number >= 1".
 */

export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `expected a whole number >= ${min}`
          : `expected a whole number from ${min} to ${max}`,
      );
    }
    return n;
  };
}

export function decimalIn(min: number, max: number, openMin = false) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n > max || n < min || (openMin && n === min)) {
      throw new InvalidArgumentError(`expected a number ${openMin ? '>' : '>='} ${min} and <= ${max}`);
    }
    return n;
  };
}

export function datasetSize(value: string): DatasetSize {
  const n = Number(value);
  if (!(DATASET_SIZES as readonly number[]).includes(n)) {
    throw new InvalidArgumentError(`expected one of ${DATASET_SIZES.join(', ')}`);
  }
  return n as DatasetSize;
}

const MAX_SEEDS = 10_000;

/** "1-16", "7", "1,5,9-12" -> the seeds in order, without repeats. */
export function seedList(value: string): number[] {
  const seeds = new Set<number>();
  for (const part of value.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!match) throw new InvalidArgumentError(`"${part}" is not a seed or a range like 1-16`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw new InvalidArgumentError(`range ${part} runs backwards`);
    if (last > 2 ** 32 - 1) throw new InvalidArgumentError(`seeds go up to ${2 ** 32 - 1}`);
    if (seeds.size + (last - first + 1) > MAX_SEEDS)
      throw new InvalidArgumentError(`at most ${MAX_SEEDS} seeds at once`);
    for (let seed = first; seed <= last; seed++) seeds.add(seed);
  }
  return [...seeds];
}

/** The options every import shares: the dataset's name, its image size, and how images become square. */
export function addDatasetOptions(command: Command): Command {
  return command
    .requiredOption('--name <name>', 'dataset name: letters, digits, . _ -')
    .requiredOption('--size <px>', 'square image size: 32, 64, 128 or 256', datasetSize)
    .addOption(
      new Option('--fit <how>', 'make images square by cropping or padding')
        .choices(['crop', 'pad'])
        .default('crop'),
    )
    .option('--background <hex>', 'colour transparent pixels are flattened onto', '#ffffff');
}
