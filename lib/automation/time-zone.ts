/**
 * Local date-times (as an <input type="datetime-local"> gives them) in a named time zone, to and
 * from instants, with the platform's Intl time-zone data. Pure.
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function partsIn(date: Date, zone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get("year"), mo: get("month"), d: get("day"), h: get("hour"), mi: get("minute"), s: get("second") };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(date: Date, zone: string) {
  const p = partsIn(date, zone);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(date.getTime() / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "2026-12-24T18:00" in `zone` → the instant; null when the text is not such a date-time. */
export function zonedToUtc(local: string, zone: string): Date | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  // A day or month past its end ("2026-02-30", "2026-13-01") names no date.
  if (Number.isNaN(naive) || new Date(naive).getUTCDate() !== d || new Date(naive).getUTCMonth() !== mo - 1)
    return null;
  // Twice: the offset at the first guess may differ from the offset at the result (daylight saving).
  let guess = naive - offsetAt(new Date(naive), zone);
  guess = naive - offsetAt(new Date(guess), zone);
  return new Date(guess);
}

/** The instant as "YYYY-MM-DDTHH:mm" in `zone`, for a datetime-local input. */
export function utcToZoned(date: Date, zone: string): string {
  const p = partsIn(date, zone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.y}-${two(p.mo)}-${two(p.d)}T${two(p.h)}:${two(p.mi)}`;
}
