/** Dataset and run names double as folder names, so they are kept to characters safe on every OS. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkName(kind: 'dataset' | 'run', name: string): string {
  if (!SAFE_NAME.test(name) || name.endsWith('.')) {
    throw new Error(
      `invalid ${kind} name "${name}": use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  return name;
}

/** Turn a free-form title ("My cats (2024)") into a safe name ("My-cats-2024"). */
export function nameFromTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[-.]+$/g, '')
    .slice(0, 64);
  return slug || 'untitled';
}
