"use client";

import Link from "@/components/ui/Link";
import type { Ref } from "react";
import { useTranslations } from "next-intl";

/** Send, Save draft, Discard draft, Cancel and the keyboard hint, with the pending state of the button used. */
export function ComposeToolbar({
  pending,
  intent,
  backHref,
  sendButton,
}: {
  pending: boolean;
  intent: "send" | "draft";
  backHref: string;
  sendButton: Ref<HTMLButtonElement>;
}) {
  const t = useTranslations("compose");
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        ref={sendButton}
        type="submit"
        name="intent"
        value="send"
        disabled={pending}
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending && intent === "send" ? t("sending") : t("send")}
      </button>
      <button
        type="submit"
        name="intent"
        value="draft"
        disabled={pending}
        className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100 disabled:opacity-60"
      >
        {pending && intent === "draft" ? t("savingDraft") : t("saveDraft")}
      </button>
      <button
        type="submit"
        name="intent"
        value="discard"
        disabled={pending}
        className="rounded border border-slate-300 px-4 py-2 text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {t("discardDraft")}
      </button>
      <Link href={backHref} className="px-2 py-2 text-slate-700 underline">
        {t("cancel")}
      </Link>
      <p id="compose-shortcut" className="ml-auto text-xs text-slate-600">
        {t("shortcut")}
      </p>
    </div>
  );
}
