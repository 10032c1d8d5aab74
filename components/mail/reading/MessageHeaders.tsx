import { getFormatter, getTranslations } from "next-intl/server";
import type { MessageDetail } from "@/lib/messages/read-message";
import type { MailboxLike as Mailbox } from "@/lib/mime/format-address";
import type { RecipientState } from "@/lib/outbound/status";
import { DeliveryStates } from "./DeliveryStates";

const person = (m: { name?: string | null; address: string }) => (m.name ? `${m.name} <${m.address}>` : m.address);
const people = (list: Mailbox[]) => list.map(person).join(", ");

/** The message's header block: subject, From (or "Sender on behalf of From"), To, Cc, date, delivery states. */
export async function MessageHeaders({
  detail: d,
  subject,
  delivery,
}: {
  detail: MessageDetail;
  subject: string;
  delivery: RecipientState[];
}) {
  const [t, format] = await Promise.all([getTranslations("mail.reader"), getFormatter()]);
  const from = { name: d.fromName, address: d.fromAddress };
  const at = d.sentAt ?? d.receivedAt;
  return (
    <header className="space-y-1 border-b px-4 py-3 border-slate-200">
      <h3 id="message-subject" className="text-lg font-semibold">
        {subject}
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="text-slate-500">{t("from")}</dt>
        <dd data-testid="message-from">
          {d.senderAddress
            ? t("onBehalfOf", { sender: person({ name: d.senderName, address: d.senderAddress }), from: person(from) })
            : person(from)}
        </dd>
        <dt className="text-slate-500">{t("to")}</dt>
        <dd>{people(d.toList) || t("noRecipients")}</dd>
        {d.ccList.length > 0 && (
          <>
            <dt className="text-slate-500">{t("cc")}</dt>
            <dd>{people(d.ccList)}</dd>
          </>
        )}
        <dt className="text-slate-500">{t("date")}</dt>
        <dd>
          <time dateTime={at.toISOString()}>{format.dateTime(at, { dateStyle: "full", timeStyle: "short" })}</time>
        </dd>
      </dl>
      {delivery.length > 0 && <DeliveryStates delivery={delivery} />}
    </header>
  );
}
