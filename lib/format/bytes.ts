const UNITS = [
  ["gigabyte", 1024 ** 3],
  ["megabyte", 1024 ** 2],
  ["kilobyte", 1024],
] as const;

const format = (value: number, unit: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);

/** "6.5 GB" / "6,5 Go": binary multiples, named as mail clients name them; nothing is "0 byte". */
export function formatBytes(bytes: number, locale: string): string {
  if (bytes <= 0) return format(0, "gigabyte", locale);
  for (const [unit, size] of UNITS) {
    if (bytes >= size) return format(bytes / size, unit, locale);
  }
  return format(Math.max(0.1, bytes / 1024), "kilobyte", locale);
}

/**
 * A part and its whole in one unit, the whole's: "0 MB" and "512 MB", never "0 GB of 512 MB".
 * For quota lines ("{used} of {quota}").
 */
export function formatBytesPair(part: number, whole: number, locale: string): { part: string; whole: string } {
  const [unit, size] = UNITS.find(([, s]) => whole >= s) ?? UNITS[UNITS.length - 1]!;
  return { part: format(Math.max(0, part) / size, unit, locale), whole: format(whole / size, unit, locale) };
}
