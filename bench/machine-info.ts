import { readFileSync } from 'node:fs';
import os from 'node:os';

/** What a reader needs to judge the numbers: the hardware, and how busy it was. */
export function describeMachine(): string {
  const cpu = cpuModel() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const ramGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${cpu}, ${os.availableParallelism()} cores, ${ramGiB} GiB RAM, Node ${process.versions.node}, ${os.platform()} ${os.release()}`;
}

function cpuModel(): string | undefined {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim();
  } catch {
    return undefined;
  }
}

export function loadAverage(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}
