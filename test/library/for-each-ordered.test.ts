import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

import { forEachOrdered } from '../../src-main/library/import/for-each-ordered';

/** Tasks that finish in scrambled order and record how many ran at once. */
function scrambledTasks() {
  let running = 0;
  let mostAtOnce = 0;
  const finished: number[] = [];
  const task = async (item: number) => {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    await sleep(((item * 7) % 5) * 3);
    running--;
    finished.push(item);
    return item * 10;
  };
  return { task, finished, mostAtOnce: () => mostAtOnce, running: () => running };
}

describe('forEachOrdered', () => {
  it('hands results over in item order though they finish out of order, with bounded concurrency', async () => {
    const items = Array.from({ length: 20 }, (_, index) => index);
    const { task, finished, mostAtOnce } = scrambledTasks();
    const consumed: [number, number][] = [];
    await forEachOrdered(items, 3, task, (result, index) => consumed.push([result, index]));
    expect(consumed).toEqual(items.map((item) => [item * 10, item]));
    expect(finished).not.toEqual(items);
    expect(mostAtOnce()).toBe(3);
  });

  it('waits for running tasks, then throws, when a task fails', async () => {
    const { task, running } = scrambledTasks();
    const failing = (item: number) => (item === 4 ? Promise.reject(new Error('task 4 failed')) : task(item));
    const consumed: number[] = [];
    await expect(
      forEachOrdered([0, 1, 2, 3, 4, 5, 6, 7], 3, failing, (_, index) => consumed.push(index)),
    ).rejects.toThrow('task 4 failed');
    expect(consumed).toEqual([0, 1, 2, 3]);
    expect(running()).toBe(0);
  });

  it('stops starting tasks once aborted and leaves none running', async () => {
    const controller = new AbortController();
    const { task, running } = scrambledTasks();
    const started: number[] = [];
    const attempt = forEachOrdered(
      Array.from({ length: 50 }, (_, index) => index),
      2,
      (item) => {
        started.push(item);
        return task(item);
      },
      (_, index) => {
        if (index === 5) controller.abort();
      },
      controller.signal,
    );
    await expect(attempt).rejects.toThrow(/abort/i);
    expect(started.length).toBeLessThanOrEqual(8);
    expect(running()).toBe(0);
  });
});
