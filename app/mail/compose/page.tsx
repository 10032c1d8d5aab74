import type { Metadata } from "next";
import { orNotFound, orNull } from "@/app/_lib/or-not-found";
import { getFormatter, getTranslations } from "next-intl/server";
import { ComposeForm, type FromChoice } from "@/components/compose/ComposeForm";
import { QuotaBanner } from "@/components/mail/QuotaBanner";
import { getDb } from "@/db/client";
import { requireActor } from "@/app/_lib/current-actor";
import { loadComposeContext, type ComposeParams } from "@/lib/compose/compose-page-data";
import type { QuoteLabels } from "@/lib/compose/prefill";
import { formatMailbox } from "@/lib/mime/format-address";
import { ReplyingNotice } from "@/components/mail/reading/ReplyingNotice";
import { repliersOnMessage } from "@/lib/replies/presence";
import { composeAction } from "./actions";

type Props = { searchParams: Promise<ComposeParams & { saved?: string }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("compose");
  const p = await searchParams;
  const mode = p.draft ? "draft" : p.reply ? "reply" : p.replyAll ? "replyAll" : p.forward ? "forward" : "new";
  return { title: t(`title.${mode}`) };
}

/** /mail/compose — new message, reply, reply all, forward, or a draft reopened (?mailbox=, &reply=, …). */
export default async function ComposePage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const t = await getTranslations("compose");
  const format = await getFormatter();
  const labels: QuoteLabels = {
    wrote: (values) => t("quote.wrote", values),
    forwarded: t("quote.forwarded"),
    from: t("quote.from"),
    date: t("quote.date"),
    subject: t("quote.subject"),
    to: t("quote.to"),
    cc: t("quote.cc"),
    formatDate: (date) => format.dateTime(date, { dateStyle: "full", timeStyle: "short" }),
  };
  const db = getDb();
  const context = await orNotFound(loadComposeContext(db, actor, params, labels));
  // A reply in a shared mailbox's conversation: who else is replying, and when this form opened.
  const replyOf = context.initial.replyOf;
  const replying = replyOf ? await orNull(repliersOnMessage(db, actor, replyOf)) : null;
  const fromChoices: FromChoice[] = context.fromOptions.map((o) => {
    const mailbox = formatMailbox({ name: o.name, address: o.address });
    return {
      value: o.value,
      label: o.own
        ? mailbox
        : o.mode === "as"
          ? t("fromAs", { mailbox })
          : t("fromOnBehalf", { actor: actor.displayName, mailbox }),
    };
  });
  return (
    <main id="main" className="min-h-0 flex-1 overflow-y-auto bg-white">
      <QuotaBanner status={context.ownQuota} />
      <div className="mx-auto max-w-3xl p-4">
        <h1 className="mb-4 text-xl font-semibold">{t(`title.${context.initial.mode}`)}</h1>
        {replying && (
          <ReplyingNotice mailboxId={replying.mailboxId} threadId={replying.threadId} initial={replying.people} />
        )}
        <ComposeForm
          // a new URL (a saved draft, another reply) is a fresh form: no file inputs carried over
          key={new URLSearchParams(params as Record<string, string>).toString()}
          action={composeAction}
          initial={context.initial}
          fromChoices={fromChoices}
          signatures={context.signatures}
          context={context.contextAddress}
          backHref={context.backHref}
          draftSaved={params.saved === "1"}
          replying={replying ? { openedAt: new Date().toISOString() } : undefined}
        />
      </div>
    </main>
  );
}
