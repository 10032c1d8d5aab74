import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { auditDetailLines } from "@/components/audit/describe-audit";

/**
 * An audit event's details as short readable lines (components/audit/describe-audit.ts): sizes as
 * sizes, rights by their names, changes as "before → after", no ids.
 */
export async function AuditDetails({ action, details }: { action: string; details: Record<string, unknown> }) {
  const [t, admin, rights, locale, format] = await Promise.all([
    getTranslations("common.audit"),
    getTranslations("admin.audit"),
    getTranslations("admin.rights"),
    getLocale(),
    getFormatter(),
  ]);
  const lines = auditDetailLines(action, details, {
    t,
    locale,
    dateTime: (d) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }),
    extraLabel: (key) => (admin.has(`keys.${key}`) ? admin(`keys.${key}`) : undefined),
    extraValue: (key, value) => (key === "rights" && rights.has(value) ? rights(value) : undefined),
  });
  if (lines.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {lines.map((line) => (
        <li key={line.label}>
          <span className="text-slate-600">{admin("keyLabel", { key: line.label })}</span> {line.value}
        </li>
      ))}
    </ul>
  );
}
