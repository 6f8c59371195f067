type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Run `task` on every item with at most `concurrency` running at once, and hand each result to `consume` in
 * item order. Results arrive out of order, so order is restored here: that is what makes an import of the
 * same folder write the same bytes every time. Memory stays bounded: at most `concurrency` results wait.
 *
 * On abort, or if a task or `consume` throws, no new task starts, the running ones are waited for (so no
 * work outlives the call), and the error is thrown.
 */
export async function forEachOrdered<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
  consume: (result: R, index: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const running: Promise<Settled<R>>[] = [];
  let started = 0;
  const startNext = (): void => {
    const index = started++;
    const item = items[index] as T;
    // The wrapper never rejects, so results waiting their turn can't become unhandled rejections.
    running.push(
      Promise.resolve()
        .then(() => task(item, index))
        .then(
          (value): Settled<R> => ({ ok: true, value }),
          (error: unknown): Settled<R> => ({ ok: false, error }),
        ),
    );
  };

  try {
    for (let index = 0; index < items.length; index++) {
      signal?.throwIfAborted();
      while (started < items.length && running.length < Math.max(1, concurrency)) startNext();
      const settled = await (running.shift() as Promise<Settled<R>>);
      signal?.throwIfAborted();
      if (!settled.ok) throw settled.error;
      consume(settled.value, index);
    }
  } finally {
    await Promise.all(running);
  }
}
