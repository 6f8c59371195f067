/**
 * The charts' data: an x column and named y columns, in uPlot's column layout. It keeps at most
 * MAX_POINTS rows by dropping every other row when full, so a long run costs the chart the same to draw as a
 * short one while its whole history stays visible at halved resolution. A value missing from a row (a single
 * D step has no G loss) repeats the column's last one; a row with nothing to repeat, or with a non-finite
 * value, is skipped, since the chart has no way to draw it.
 */
const MAX_POINTS = 1600;

export class ChartSeries<Name extends string> {
  readonly x: number[] = [];
  readonly columns: Record<Name, number[]>;
  /** Rows are appended only every this many calls once decimation has started. */
  private stride = 1;
  private skipped = 0;
  private lastSeen: Partial<Record<Name, number>> = {};

  constructor(readonly names: readonly Name[]) {
    this.columns = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<Name, number[]>;
  }

  push(x: number, values: Partial<Record<Name, number>>): void {
    for (const name of this.names) if (values[name] !== undefined) this.lastSeen[name] = values[name];
    const row = this.names.map((name) => this.lastSeen[name]);
    if (!row.every((value) => value !== undefined && Number.isFinite(value))) return;
    if (++this.skipped < this.stride) return;
    this.skipped = 0;
    this.x.push(x);
    this.names.forEach((name, i) => this.columns[name].push(row[i]!));
    if (this.x.length >= MAX_POINTS) this.halve();
  }

  /** The last value given for a column, charted or not. */
  latest(name: Name): number | undefined {
    return this.lastSeen[name];
  }

  /** A copy of [x, ...columns], the shape uPlot's setData takes: a new array tells the chart to redraw. */
  data(): number[][] {
    return [this.x.slice(), ...this.names.map((name) => this.columns[name].slice())];
  }

  clear(): void {
    this.x.length = 0;
    for (const name of this.names) this.columns[name].length = 0;
    this.stride = 1;
    this.skipped = 0;
    this.lastSeen = {};
  }

  private halve(): void {
    const keep = <T>(values: T[]) => {
      const kept = values.filter((_, i) => i % 2 === 1);
      values.length = 0;
      values.push(...kept);
    };
    keep(this.x);
    for (const name of this.names) keep(this.columns[name]);
    this.stride *= 2;
  }
}
