"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { echoed, FormMessage } from "../form/FormMessage";
import { SubmitButton } from "../form/SubmitButton";
import { ChangeList } from "./ChangeList";
import { DelegationSummary } from "./DelegationSummary";
import { RIGHT_COLUMNS, type GridPerson, type GridStep } from "./types";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  mailbox: { id: string; address: string; displayName: string };
  people: GridPerson[];
};

const COLUMNS = [...RIGHT_COLUMNS, "automap"] as const;
type Column = (typeof COLUMNS)[number];

/**
 * Configure delegations (R3): every user mailbox of the organisation with Send As, Send on
 * Behalf and Full Access, and whether Full Access shows the mailbox in their folders by itself
 * → Next → the changes person by person → Confirm. Plain forms: works before JavaScript.
 */
export function DelegationGrid({ action, mailbox, people }: Props) {
  const t = useTranslations("admin.delegations");
  const tr = useTranslations("admin.rights");
  const [state, formAction] = useActionState(action, null);
  const [filter, setFilter] = useState("");
  const data = state?.data as GridStep | undefined;
  const input = echoed(state);

  if (data?.step === "summary") {
    return (
      <div className="space-y-4">
        <FormMessage state={state?.ok ? null : state} />
        <DelegationSummary
          action={formAction}
          mailboxId={mailbox.id}
          changes={data.changes}
          fingerprint={data.fingerprint}
          input={input}
        />
      </div>
    );
  }

  // Ticks as submitted (after Back or an error), else as the delegations are now.
  const fromInput = Boolean(state) && data?.step !== "done" && Array.isArray(input.delegates);
  const ticked = (column: Column, person: GridPerson) => {
    if (fromInput) {
      const v = input[column];
      return Array.isArray(v) ? v.includes(person.id) : v === person.id;
    }
    return column === "automap" ? (person.current?.automap ?? true) : Boolean(person.current?.[column]);
  };
  const version = people.map((p) => `${p.id}:${COLUMNS.map((c) => +ticked(c, p)).join("")}`).join("|");
  const needle = filter.trim().toLowerCase();

  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      {data?.step === "done" && data.changes.length > 0 && (
        <ChangeList changes={data.changes} testId="delegation-applied" />
      )}
      <div className="max-w-sm">
        <label htmlFor="delegate-filter" className="block text-sm font-medium">
          {t("filter")}
        </label>
        <input
          id="delegate-filter"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </div>
      <form key={version} action={formAction} className="space-y-4" data-testid="delegation-grid">
        <input type="hidden" name="mailboxId" value={mailbox.id} />
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse rounded border bg-white text-sm">
            <caption className="sr-only">{t("caption", { address: mailbox.address })}</caption>
            <thead>
              <tr className="border-b bg-slate-50 text-left">
                <th scope="col" className="p-2">
                  {t("person")}
                </th>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className="p-2 text-center">
                    {c === "automap" ? t("automap") : tr(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {people.length === 0 && (
                <tr>
                  <td colSpan={5} className="p-3 text-slate-600">
                    {t("nobody")}
                  </td>
                </tr>
              )}
              {people.map((p) => {
                const hidden = needle && !`${p.displayName} ${p.address}`.toLowerCase().includes(needle);
                return (
                  <tr key={p.id} className="border-b last:border-0" hidden={Boolean(hidden)} data-delegate={p.address}>
                    <th scope="row" className="p-2 text-left font-normal">
                      <input type="hidden" name="delegates[]" value={p.id} />
                      <span className="font-medium">{p.displayName}</span>{" "}
                      <span className="text-slate-600">&lt;{p.address}&gt;</span>
                      {p.state === "suspended" && (
                        <span className="ml-2 rounded bg-amber-100 px-1 text-xs">{t("suspended")}</span>
                      )}
                    </th>
                    {COLUMNS.map((c) => (
                      <td key={c} className="p-2 text-center">
                        <input
                          type="checkbox"
                          name={`${c}[]`}
                          value={p.id}
                          defaultChecked={ticked(c, p)}
                          aria-label={t("cellLabel", {
                            column: c === "automap" ? t("automap") : tr(c),
                            name: p.displayName,
                          })}
                          className="h-4 w-4"
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-600">{t("automapHint")}</p>
        <SubmitButton name="intent" value="next" pendingLabel={t("checking")}>
          {t("next")}
        </SubmitButton>
      </form>
    </div>
  );
}
