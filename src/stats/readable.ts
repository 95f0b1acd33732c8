/**
 * Numbers printed beside the limits they were judged against. Rounded to a fixed number of digits,
 * 4000.4 reads "4000 is above the maximum 4000" and 0.79999 "0.8 is below the minimum 0.8": a
 * reason that contradicts its verdict. So digits are added until the printed value compares with
 * every limit exactly as the measured value does (issue 15, item 4).
 */

/** How to print `value` with `extra` more digits than the usual form. */
export type NumberFormat = (value: number, extra: number) => string;

/** `digits` significant digits, trailing zeros dropped; integers as they are. */
export const significant =
  (digits: number): NumberFormat =>
  (value, extra) =>
    Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(Math.min(100, digits + extra))));

/** `decimals` places, kept (0.030), as rates and differences are shown. */
export const fixed =
  (decimals: number): NumberFormat =>
  (value, extra) =>
    value.toFixed(Math.min(100, decimals + extra));

/** The usual form of `value`, with more digits only where fewer would blur a comparison with a limit. */
export function readable(value: number, limits: readonly (number | undefined)[] = [], format: NumberFormat = significant(4)): string {
  if (!Number.isFinite(value)) return String(value);
  const against = limits.filter((limit): limit is number => limit !== undefined && Number.isFinite(limit));
  for (let extra = 0; extra <= 20; extra++) {
    const text = format(value, extra);
    const shown = Number(text);
    if (against.every((limit) => Math.sign(shown - limit) === Math.sign(value - limit))) return text;
  }
  return String(value);
}
