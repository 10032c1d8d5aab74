import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/or-not-found";
import { getTranslations } from "next-intl/server";
import { SentNotice } from "@/components/compose/SentNotice";
import { getDb } from "@/db/client";
import { getMailboxAccess } from "@/lib/access/mailbox-access";
import { requireActor } from "@/app/_lib/current-actor";
import { loadSentSummary } from "@/lib/compose/sent-summary";

type Props = { searchParams: Promise<{ message?: string; f?: string | string[]; mailbox?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compose.sent");
  return { title: t("title") };
}

/** /mail/compose/sent — the confirmation after sending (the compose action redirects here). */
export default async function SentPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { message, f, mailbox } = await searchParams;
  const db = getDb();
  const summary = await orNotFound(
    loadSentSummary(db, actor, message ?? "", f === undefined ? [] : Array.isArray(f) ? f : [f]),
  );
  const context = mailbox ? await getMailboxAccess(db, actor, { address: mailbox }) : null;
  const back = context?.rights.fullAccess ? context.mailbox.address : actor.address;
  const usable = context && Object.values(context.rights).some(Boolean);
  return (
    <main id="main" className="min-h-0 flex-1 overflow-y-auto bg-white">
      <div className="mx-auto max-w-3xl p-4">
        <SentNotice
          sent={summary}
          backHref={`/mail/${encodeURIComponent(back)}/inbox`}
          newHref={`/mail/compose${usable ? `?mailbox=${encodeURIComponent(context.mailbox.address)}` : ""}`}
        />
      </div>
    </main>
  );
}
