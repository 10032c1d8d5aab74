import { formatBytes } from "@/lib/format/bytes";

/** A translator of the "common.audit" messages (next-intl's, server or client). */
export type AuditTranslator = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

export type AuditLine = { label: string; value: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Options = {
  t: AuditTranslator;
  locale: string;
  dateTime: (date: Date) => string;
  /** Words another area knows for its own keys and values (the admin area's rights, quota keys…). */
  extraLabel?: (key: string) => string | undefined;
  extraValue?: (key: string, value: string) => string | undefined;
};

/** An audit action in words ("send.as" → "Sent a message as the mailbox"); every recorded action has them. */
export const auditActionText = (t: AuditTranslator, action: string) =>
  t.has(`actions.${action}`) ? t(`actions.${action}`) : action;

/**
 * An audit event's details as lines a person reads: labels and values in words, sizes as sizes,
 * dates in the reader's locale, folder kinds by their names; ids (keys ending in "Id", UUIDs) and
 * technical companions ("toKind", "fromKind") are left out.
 */
export function auditDetailLines(action: string, details: Record<string, unknown>, o: Options): AuditLine[] {
  const { t } = o;
  const label = (key: string) =>
    t.has(`keysFor.${action}.${key}`)
      ? t(`keysFor.${action}.${key}`)
      : t.has(`keys.${key}`)
        ? t(`keys.${key}`)
        : (o.extraLabel?.(key) ?? key);
  const show = (key: string, value: unknown): string | null => {
    if (value === null || value === undefined) return "—";
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (typeof value === "number")
      return /bytes$/i.test(key) ? formatBytes(value, o.locale) : value.toLocaleString(o.locale);
    if (typeof value === "string") {
      if (UUID.test(value)) return null;
      if (ISO_DATE.test(value)) return o.dateTime(new Date(value));
      if (t.has(`values.${key}.${value}`)) return t(`values.${key}.${value}`);
      return o.extraValue?.(key, value) ?? value;
    }
    if (Array.isArray(value)) {
      return value
        .map((v) => show(key, v))
        .filter((v) => v !== null)
        .join(", ");
    }
    if (typeof value === "object") {
      const obj = value as Record<string, unknown>;
      if ("from" in obj && "to" in obj) return `${show(key, obj.from) ?? "—"} → ${show(key, obj.to) ?? "—"}`;
      return Object.entries(obj)
        .flatMap(([k, v]) => {
          const shown = k.endsWith("Id") ? null : show(k, v);
          return shown === null ? [] : [`${label(k)} ${shown}`];
        })
        .join(", ");
    }
    return String(value);
  };
  const lines: AuditLine[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key.endsWith("Id") || key === "toKind" || key === "fromKind") continue;
    // A move to (or from) a well-known folder names it as the reader's language does.
    const kindOf = key === "to" ? details.toKind : key === "from" ? details.fromKind : undefined;
    const kind = typeof kindOf === "string" && kindOf !== "user" ? kindOf : null;
    const shown = kind && t.has(`values.folderKind.${kind}`) ? t(`values.folderKind.${kind}`) : show(key, value);
    if (shown !== null) lines.push({ label: label(key), value: shown });
  }
  return lines;
}
