import { getLocale, getTranslations } from "next-intl/server";
import { formatBytes } from "@/lib/format/bytes";

/**
 * An audit event's details as short readable lines: sizes as sizes, rights by their names,
 * changes as "before → after". Unknown keys (other parts of the product record their own)
 * are shown as they are.
 */
export async function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const [t, tr, locale] = await Promise.all([
    getTranslations("admin.audit"),
    getTranslations("admin.rights"),
    getLocale(),
  ]);
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined) return "—";
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (typeof value === "number" && /bytes$/i.test(key)) return formatBytes(value, locale);
    if (Array.isArray(value))
      return value.map((v) => (key === "rights" && tr.has(String(v)) ? tr(String(v)) : show(key, v))).join(", ");
    if (typeof value === "object") {
      const o = value as Record<string, unknown>;
      if ("from" in o && "to" in o) return `${show(key, o.from)} → ${show(key, o.to)}`;
      return Object.entries(o)
        .map(([k, v]) => `${label(k)} ${show(k, v)}`)
        .join(", ");
    }
    return String(value);
  };
  const label = (key: string) => t("keyLabel", { key: t.has(`keys.${key}`) ? t(`keys.${key}`) : key });
  const entries = Object.entries(details).filter(([k]) => !k.endsWith("Id"));
  if (entries.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {entries.map(([k, v]) => (
        <li key={k}>
          <span className="text-slate-600">{label(k)}</span> {show(k, v)}
        </li>
      ))}
    </ul>
  );
}
