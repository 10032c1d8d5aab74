import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { AutoReplyForm } from "@/components/mail/settings/AutoReplyForm";
import { ReadStateForm } from "@/components/mail/settings/ReadStateForm";
import { RuleForm } from "@/components/mail/settings/RuleForm";
import { RuleList } from "@/components/mail/settings/RuleList";
import { getDb } from "@/db/client";
import { requireActor } from "@/app/_lib/current-actor";
import { orNotFound } from "@/app/_lib/or-not-found";
import { listAutomationMailboxes, loadAutomation } from "@/lib/automation/settings";
import { utcToZoned } from "@/lib/automation/time-zone";
import { addRuleAction, changeRuleAction, saveAutoReplyAction, saveReadStateAction } from "./actions";

const CURRENT_LINK = "rounded border px-2 py-1 aria-[current=page]:bg-slate-100 aria-[current=page]:font-medium";

type Props = { searchParams: Promise<{ mailbox?: string | string[] }> };

export async function generateMetadata() {
  const t = await getTranslations("automation");
  return { title: t("title") };
}

/**
 * /mail/settings?mailbox=… — automatic replies and inbox rules of the actor's own mailbox or of a
 * mailbox they have Full Access to (anything else: 404, as every mailbox page).
 */
export default async function AutomationSettingsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const db = getDb();
  const [{ mailbox: asked }, t] = await Promise.all([searchParams, getTranslations("automation")]);
  const address = typeof asked === "string" && asked ? asked : actor.address;
  const [view, mailboxes] = await Promise.all([
    orNotFound(loadAutomation(db, actor, address)),
    listAutomationMailboxes(db, actor),
  ]);
  const { autoReply } = view;
  const local = (date: Date | null) => (date ? utcToZoned(date, autoReply.timeZone) : "");
  return (
    <main id="main" className="flex-1 overflow-y-auto bg-white">
      <div className="mx-auto max-w-4xl space-y-6 p-6">
        <h1 className="text-xl font-semibold">{t("pageTitle", { mailbox: view.mailbox.displayName })}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
        {mailboxes.length > 1 && (
          <nav aria-label={t("mailboxes")}>
            <ul className="flex flex-wrap gap-2 text-sm">
              {mailboxes.map((m) => (
                <li key={m.address}>
                  <Link
                    href={`/mail/settings?mailbox=${encodeURIComponent(m.address)}`}
                    aria-current={m.address === view.mailbox.address ? "page" : undefined}
                    className={CURRENT_LINK}
                  >
                    {m.address === actor.address ? t("ownMailbox") : m.displayName} ({m.address})
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {view.mailbox.kind === "shared" && (
          <section aria-labelledby="read-state-heading" className="space-y-2">
            <h2 id="read-state-heading" className="text-lg font-semibold">
              {t("readState.heading")}
            </h2>
            <p className="text-sm text-slate-600">{t("readState.explain")}</p>
            <ReadStateForm
              mailbox={view.mailbox.address}
              perPerson={view.mailbox.readPerPerson}
              action={saveReadStateAction}
            />
          </section>
        )}
        <section aria-labelledby="auto-reply-heading" className="space-y-2">
          <h2 id="auto-reply-heading" className="text-lg font-semibold">
            {t("autoReply.heading")}
          </h2>
          <p className="text-sm text-slate-600">{t("autoReply.explain")}</p>
          <p className="text-sm font-medium">
            {autoReply.enabled ? t("autoReply.statusOn") : t("autoReply.statusOff")}
          </p>
          <AutoReplyForm
            mailbox={view.mailbox.address}
            initial={{
              enabled: autoReply.enabled,
              startsAt: local(autoReply.startsAt),
              endsAt: local(autoReply.endsAt),
              timeZone: autoReply.timeZone,
              internalText: autoReply.internalText,
              externalText: autoReply.externalText,
            }}
            useBrowserTimeZone={!autoReply.enabled && !autoReply.startsAt && !autoReply.endsAt}
            action={saveAutoReplyAction}
          />
        </section>
        <section aria-labelledby="rules-heading" className="space-y-3">
          <h2 id="rules-heading" className="text-lg font-semibold">
            {t("rules.heading")}
          </h2>
          <p className="text-sm text-slate-600">{t("rules.explain")}</p>
          <RuleList mailbox={view.mailbox.address} rules={view.rules} action={changeRuleAction} />
          <h3 className="font-semibold">{t("rules.newHeading")}</h3>
          <RuleForm
            mailbox={view.mailbox.address}
            folders={view.folders}
            mayForward={view.mayForward}
            action={addRuleAction}
          />
        </section>
      </div>
    </main>
  );
}
