"use client";

import Link from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { signatureText } from "@/lib/compose/signature-format";

/**
 * The signature under the message: the one of the mailbox in From (a shared mailbox's own when
 * sending as it), switched when From changes, and a checkbox to leave it out. The server writes the
 * signature of the From it accepts, in the HTML and the plain text: this shows what will be added.
 */
export function SignatureField({
  signatures,
  from,
  defaultChecked,
}: {
  /** By From value. */
  signatures: Record<string, string>;
  from: string;
  defaultChecked: boolean;
}) {
  const t = useTranslations("compose.signature");
  const current = signatures[from];
  if (Object.keys(signatures).length === 0) {
    return (
      <p className="text-xs text-slate-600">
        <Link href="/mail/signatures" className="underline">
          {t("add")}
        </Link>
      </p>
    );
  }
  return (
    <fieldset className="space-y-1">
      <legend className="sr-only">{t("legend")}</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="signature" defaultChecked={defaultChecked} />
        {t("include")}
      </label>
      {current ? (
        <pre
          data-testid="signature-preview"
          aria-label={t("preview")}
          className="whitespace-pre-wrap rounded bg-slate-50 p-2 font-sans text-sm text-slate-700"
        >
          {signatureText(current)}
        </pre>
      ) : (
        <p data-testid="signature-preview" className="text-xs text-slate-600">
          {t("none")}
        </p>
      )}
      <Link href="/mail/signatures" className="text-xs underline">
        {t("edit")}
      </Link>
    </fieldset>
  );
}
