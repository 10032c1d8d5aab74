import "server-only";
import type { Db } from "@/db/client";
import { runAutomationJobs } from "@/lib/automation/run-jobs";
import { parseListing } from "@/lib/mime/parse-listing";
import { recordLateBounce } from "@/lib/outbound/late-bounce";
import { authenticateMessage, type DNSResolver } from "./authenticate";
import { deliverInbound, MailboxFullError } from "./deliver-inbound";
import type { InboundMailbox } from "./resolve-recipient";
import { traceHeaders } from "./trace";
import { metrics } from "@/lib/observability/metrics";

export type ReceivedMessage = {
  /** The bytes between DATA and the final dot, unchanged. */
  data: Buffer;
  sender: string;
  /** The accepted envelope recipients (as the client wrote them) and their mailboxes. */
  recipients: { address: string; mailbox: InboundMailbox }[];
  client: { ip: string; helo: string; hostname?: string; tls: boolean; utf8: boolean };
  queueId: string;
  hostname: string;
  resolver?: DNSResolver;
};

export type ReceiveOutcome =
  | { status: "stored"; folder: "inbox" | "junk"; messageIds: string[]; size: number; auth: string; timing: string }
  | { status: "dmarcReject"; auth: string }
  | { status: "full"; address: string };

/**
 * Takes in a message received over SMTP (R14): SPF/DKIM/DMARC, trace headers above the message
 * as it came (kept byte for byte otherwise), then one transaction storing it for every recipient.
 * Resolves once that transaction has committed — only then may the listener say 250.
 */
export async function receiveMessage(db: Db, input: ReceivedMessage): Promise<ReceiveOutcome> {
  const count = (outcome: string) => metrics.deliveries.inc({ path: "inbound", outcome }, input.recipients.length);
  try {
    const outcome = await receive(db, input);
    count(outcome.status === "stored" ? "delivered" : "refused");
    return outcome;
  } catch (error) {
    count("error");
    throw error;
  }
}

async function receive(db: Db, input: ReceivedMessage): Promise<ReceiveOutcome> {
  const started = performance.now();
  const auth = await authenticateMessage(input.data, {
    ip: input.client.ip,
    helo: input.client.helo,
    sender: input.sender,
    hostname: input.hostname,
    resolver: input.resolver,
  });
  const summary = `spf=${auth.spf} dkim=${auth.dkim} dmarc=${auth.dmarc}`;
  if (auth.verdict === "reject") return { status: "dmarcReject", auth: summary };
  const trace = traceHeaders({
    sender: input.sender,
    helo: input.client.helo,
    clientIp: input.client.ip,
    clientHostname: input.client.hostname,
    hostname: input.hostname,
    queueId: input.queueId,
    tls: input.client.tls,
    utf8: input.client.utf8,
    recipients: input.recipients.map((r) => r.address),
  });
  const raw = Buffer.concat([Buffer.from(trace + auth.headers, "utf8"), input.data]);
  const authenticated = performance.now();
  const listing = await parseListing(raw);
  const parsed = performance.now();
  const junk = auth.verdict === "junk";
  try {
    const { messageIds, jobs } = await deliverInbound(db, {
      raw,
      listing,
      recipients: input.recipients.map((r) => r.mailbox),
      junk,
    });
    // After the commit only: a reply or forward is never sent for a message that was not stored.
    if (jobs > 0) await runAutomationJobs(db).catch((e: Error) => console.error(`[mailroom] automation: ${e.message}`));
    // A delivery report about mail sent from these mailboxes (null sender only: checked there).
    await recordLateBounce(db, {
      raw,
      sender: input.sender,
      mailboxes: input.recipients.map((r) => r.mailbox),
    }).catch((e: Error) => console.error(`[mailroom] delivery report: ${e.message}`));
    const ms = (from: number, to: number) => Math.round(to - from);
    const store = ms(parsed, performance.now());
    const timing = `auth=${ms(started, authenticated)} parse=${ms(authenticated, parsed)} store=${store}`;
    return { status: "stored", folder: junk ? "junk" : "inbox", messageIds, size: raw.length, auth: summary, timing };
  } catch (error) {
    if (error instanceof MailboxFullError) return { status: "full", address: error.address };
    throw error;
  }
}
