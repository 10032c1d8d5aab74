const UNITS = [
  ["gigabyte", 1024 ** 3],
  ["megabyte", 1024 ** 2],
  ["kilobyte", 1024],
] as const;

/** "6.5 GB" / "6,5 Go": binary multiples, named as mail clients name them. */
export function formatBytes(bytes: number, locale: string): string {
  for (const [unit, size] of UNITS) {
    if (bytes >= size) {
      return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }).format(bytes / size);
    }
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: "byte" }).format(bytes);
}
