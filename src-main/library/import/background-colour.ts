export interface RgbColour {
  r: number;
  g: number;
  b: number;
}

export const DEFAULT_BACKGROUND = '#ffffff';

/**
 * Parse the colour that transparency is flattened onto and letterbox bars are filled with. Only '#rgb' and
 * '#rrggbb' are accepted: the manifest records the colour, and one spelling per colour keeps that comparable.
 */
export function parseBackgroundColour(text: string): { hex: string; rgb: RgbColour } {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!match?.[1]) {
    throw new Error(`invalid background colour "${text}": use a hex colour such as #ffffff or #000`);
  }
  const digits = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1];
  const hex = `#${digits.toLowerCase()}`;
  const channel = (index: number): number => Number.parseInt(digits.slice(index * 2, index * 2 + 2), 16);
  return { hex, rgb: { r: channel(0), g: channel(1), b: channel(2) } };
}
