import { readFileSync } from 'node:fs';

/**
 * How much CPU other processes took while an engine's timed steps ran: the whole machine's busy time (from
 * /proc/stat) minus this process's own CPU time, over the wall time. A load average lags by a minute; this is
 * exact for the window, so a figure taken while someone's tests ran can be told apart from a slow engine.
 * dcgan_torch.py measures the same way.
 */
const USER_HZ = 100;

/** CPU-seconds all cores have spent not idle since boot, or undefined where /proc/stat doesn't exist. */
export function machineBusySeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal ...: guest time is already inside user and nice.
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / USER_HZ;
  } catch {
    return undefined;
  }
}

function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export interface ContentionWindow {
  machineBusy: number | undefined;
  own: number;
  started: number;
}

export function openContentionWindow(): ContentionWindow {
  return { machineBusy: machineBusySeconds(), own: ownCpuSeconds(), started: performance.now() };
}

/** Cores' worth of CPU used by every other process since the window opened (0 on a quiet machine), 2 decimals. */
export function otherCores(window: ContentionWindow): number | undefined {
  const machineBusy = machineBusySeconds();
  if (window.machineBusy === undefined || machineBusy === undefined) return undefined;
  const wallSeconds = (performance.now() - window.started) / 1000;
  const others = (machineBusy - window.machineBusy - (ownCpuSeconds() - window.own)) / wallSeconds;
  return Math.max(0, Math.round(others * 100) / 100);
}

/** Cores' worth of CPU the whole machine uses over the next `ms`: what else is running before we start. */
export async function busyCoresNow(ms = 2000): Promise<number | undefined> {
  const before = machineBusySeconds();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineBusySeconds();
  if (before === undefined || after === undefined) return undefined;
  return Math.round(((after - before) / (ms / 1000)) * 100) / 100;
}
