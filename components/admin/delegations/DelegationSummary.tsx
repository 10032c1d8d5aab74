"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "../form/SubmitButton";
import { ChangeList } from "./ChangeList";
import type { DelegationChange } from "./types";

type Props = {
  action: (formData: FormData) => void;
  mailboxId: string;
  changes: DelegationChange[];
  fingerprint: string;
  /** The grid as submitted, carried to Confirm (and back) in hidden inputs. */
  input: Record<string, string | string[]>;
};

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** Step 2 of Configure delegations: the changes person by person, then Back or Confirm. */
export function DelegationSummary({ action, mailboxId, changes, fingerprint, input }: Props) {
  const t = useTranslations("admin.delegations");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form action={action} className="space-y-4" data-testid="delegation-summary">
      <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold">
        {t("summaryTitle")}
      </h2>
      <ChangeList changes={changes} />
      <p className="text-sm text-slate-600">{t("summaryNote")}</p>
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      {(["delegates", "sendAs", "sendOnBehalf", "fullAccess", "automap"] as const).flatMap((column) =>
        list(input[column]).map((id) => (
          <input key={`${column}-${id}`} type="hidden" name={`${column}[]`} value={id} />
        )),
      )}
      <div className="flex gap-3">
        <SubmitButton name="intent" value="back" variant="secondary" pendingLabel={t("going")}>
          {t("back")}
        </SubmitButton>
        <SubmitButton name="intent" value="confirm" pendingLabel={t("applying")}>
          {t("confirm")}
        </SubmitButton>
      </div>
    </form>
  );
}
