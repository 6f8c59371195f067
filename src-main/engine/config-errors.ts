import type { z } from 'zod';

/** One line naming each bad field, e.g. "invalid config: batchSize: Too small: expected number to be >=1". */
export function parseWithClearErrors<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.');
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  throw new Error(`invalid ${what}: ${problems.join('; ')}`);
}
