import Link from "@/components/ui/Link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuditTrail } from "@/components/mail/shared/AuditTrail";
import { getDb } from "@/db/client";
import { decodeTrailCursor, listMailboxTrail } from "@/lib/audit/mailbox-trail";
import { requireActor } from "@/app/_lib/current-actor";
import { DomainError } from "@/lib/errors";

type Props = { params: Promise<{ address: string }>; searchParams: Promise<{ after?: string | string[] }> };

/** A mailbox's own audit trail (R13), for its owner and its delegates; 404 for anyone else. */
export default async function MailboxAuditPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const { address } = await params;
  const { after } = await searchParams;
  try {
    const trail = await listMailboxTrail(
      getDb(),
      actor,
      { address: decodeURIComponent(address) },
      decodeTrailCursor(typeof after === "string" ? after : null),
    );
    const t = await getTranslations("shared");
    return (
      <main id="main" className="flex-1 overflow-y-auto bg-white">
        <div className="mx-auto max-w-5xl p-6">
          <h1 className="text-xl font-semibold">{t("activityNamed", { name: trail.mailbox.displayName })}</h1>
          <p className="text-sm text-slate-600">{trail.mailbox.address}</p>
          <p className="mt-2 text-sm text-slate-600">{t("audit.intro")}</p>
          <AuditTrail
            address={trail.mailbox.address}
            events={trail.events}
            next={trail.next}
            first={typeof after !== "string"}
          />
          <Link href="/mail" className="mt-6 inline-block text-sm text-brand-700 underline">
            {t("backToMail")}
          </Link>
        </div>
      </main>
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === "notFound") notFound();
    throw error;
  }
}
