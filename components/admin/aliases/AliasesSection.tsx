"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { Field, inputClass } from "../form/Field";
import { FormMessage, echoed } from "../form/FormMessage";
import { SubmitButton } from "../form/SubmitButton";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = {
  mailboxId: string;
  aliases: { id: string; address: string }[];
  domains: string[];
  addAction: Action;
  removeAction: Action;
};

/** A mailbox's aliases on its admin page: the list, a remove button for each, and the add form. */
export function AliasesSection({ mailboxId, aliases, domains, addAction, removeAction }: Props) {
  const t = useTranslations("admin.aliases");
  const [added, add] = useActionState(addAction, null);
  const [removed, remove] = useActionState(removeAction, null);
  const errors = added?.fieldErrors ?? {};
  const typed = echoed(added);
  return (
    <section aria-labelledby="aliases-heading" className="space-y-3" data-testid="aliases">
      <h2 id="aliases-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <FormMessage state={removed} />
      {aliases.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ul aria-label={t("listLabel")} className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {aliases.map((alias) => (
            <li key={alias.id} className="flex items-center justify-between gap-4 px-3 py-2 text-sm">
              <span>{alias.address}</span>
              <form action={remove}>
                <input type="hidden" name="mailboxId" value={mailboxId} />
                <SubmitButton variant="secondary" pendingLabel={t("removing")} name="aliasId" value={alias.id}>
                  <span aria-hidden="true">×</span>
                  <span className="sr-only">{t("remove", { address: alias.address })}</span>
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form action={add} noValidate className="flex max-w-xl flex-wrap items-end gap-3">
        <input type="hidden" name="mailboxId" value={mailboxId} />
        <div className="min-w-40 flex-1">
          <Field idPrefix="alias" name="localPart" label={t("localPart")} errors={errors.localPart}>
            {(p) => (
              <input
                {...p}
                key={added?.ok ? "cleared" : "typed"}
                defaultValue={added?.ok ? "" : String(typed.localPart ?? "")}
                autoComplete="off"
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <div>
          <Field idPrefix="alias" name="domain" label={t("domain")} errors={errors.domain}>
            {(p) => (
              <select {...p} defaultValue={String(typed.domain ?? domains[0] ?? "")} className={inputClass}>
                {domains.map((d) => (
                  <option key={d} value={d}>
                    @{d}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <SubmitButton pendingLabel={t("adding")}>{t("add")}</SubmitButton>
      </form>
      <FormMessage state={added} />
    </section>
  );
}
