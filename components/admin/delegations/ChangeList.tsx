"use client";

import { useTranslations } from "next-intl";
import type { DelegationChange } from "./types";

/** Whether the mailbox will show up by itself in their folder tree, when that changes. */
const automapOf = (c: DelegationChange) =>
  c.automap ? c.automap.to : c.granted.includes("fullAccess") ? c.after?.automap : undefined;

/** The changes, person by person: what is granted, what is removed. */
export function ChangeList({ changes, testId }: { changes: DelegationChange[]; testId?: string }) {
  const t = useTranslations("admin.delegations");
  const tr = useTranslations("admin.rights");
  const rights = (list: string[]) => list.map((r) => tr(r)).join(", ");
  return (
    <ul className="divide-y rounded border bg-white" data-testid={testId}>
      {changes.map((c) => (
        <li key={c.delegate.id} className="p-3 text-sm" data-delegate={c.delegate.address}>
          <div className="font-medium">
            {c.delegate.displayName} <span className="font-normal text-slate-600">&lt;{c.delegate.address}&gt;</span>
          </div>
          <ul className="mt-1 list-inside list-disc">
            {c.granted.length > 0 && <li className="text-green-800">{t("granted", { rights: rights(c.granted) })}</li>}
            {c.removed.length > 0 && <li className="text-red-800">{t("removed", { rights: rights(c.removed) })}</li>}
            {automapOf(c) !== undefined && <li>{automapOf(c) ? t("automapOn") : t("automapOff")}</li>}
            {!c.after && <li>{t("noneLeft")}</li>}
          </ul>
        </li>
      ))}
    </ul>
  );
}
