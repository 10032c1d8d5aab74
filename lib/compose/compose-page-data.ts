import "server-only";
import type { Db } from "@/db/client";
import { getMailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { quotaStatus, type QuotaStatus } from "@/lib/quota/status";
import { defaultFrom, fromValue, listFromOptions, type FromOption } from "./from";
import { prefill, type ComposeInitial, type ComposeMode, type QuoteLabels } from "./prefill";
import { loadComposeSource, type ComposeSource } from "./original-message";
import { signaturesForFrom } from "./signatures";

export type ComposeParams = {
  mailbox?: string;
  reply?: string;
  replyAll?: string;
  forward?: string;
  draft?: string;
};

export type ComposeContext = {
  initial: ComposeInitial & { from: string };
  fromOptions: FromOption[];
  /** The mailbox the person composes in (?mailbox=, or the answered message's), when they have a right on it. */
  contextAddress: string | null;
  /** Where "Cancel" and "Back" lead: the context mailbox's Inbox when they may open it, else their own. */
  backHref: string;
  ownQuota: QuotaStatus;
  /** The signature of each From choice that has one, by From value. */
  signatures: Record<string, string>;
};

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value) as string | undefined;

function modeOf(params: ComposeParams): { mode: ComposeMode; id?: string } {
  const draft = first(params.draft);
  if (draft) return { mode: "draft", id: draft };
  const reply = first(params.reply);
  if (reply) return { mode: "reply", id: reply };
  const replyAll = first(params.replyAll);
  if (replyAll) return { mode: "replyAll", id: replyAll };
  const forward = first(params.forward);
  if (forward) return { mode: "forward", id: forward };
  return { mode: "new" };
}

/** The From a reopened draft was written with, if the actor may still use it. */
function draftFrom(source: ComposeSource, actor: Actor, options: FromOption[]): string | undefined {
  if (!source.from) return undefined;
  const onBehalf = source.sender && source.sender.address === actor.address && source.from.address !== actor.address;
  const value = fromValue(onBehalf ? "onBehalf" : "as", source.from.address);
  return options.some((o) => o.value === value) ? value : undefined;
}

/**
 * Everything the compose page starts from: the message answered, forwarded or reopened (read
 * through the access check: notFound otherwise), the From choices and default, and the actor's
 * own quota standing.
 */
export async function loadComposeContext(
  db: Db,
  actor: Actor,
  params: ComposeParams,
  labels: QuoteLabels,
): Promise<ComposeContext> {
  const { mode, id } = modeOf(params);
  const source = id ? await loadComposeSource(db, actor, id) : null;
  if (mode === "draft" && !source?.isDraft) throw new DomainError("notFound");

  const [fromOptions, own] = await Promise.all([
    listFromOptions(db, actor),
    getMailboxAccess(db, actor, { id: actor.id }),
  ]);
  if (!own) throw new DomainError("notFound");

  const asked = first(params.mailbox);
  const askedAccess = asked ? await getMailboxAccess(db, actor, { address: asked }) : null;
  const mayUseAsked = askedAccess && Object.values(askedAccess.rights).some(Boolean);
  const contextAddress = mayUseAsked ? askedAccess.mailbox.address : (source?.mailbox.address ?? null);

  const self = [actor.address, ...(source ? [source.mailbox.address] : [])];
  const initial = prefill(mode, source, self, labels);
  const from =
    (mode === "draft" && source ? draftFrom(source, actor, fromOptions) : undefined) ??
    defaultFrom(fromOptions, contextAddress);
  const readable = askedAccess?.rights.fullAccess
    ? askedAccess.mailbox.address
    : (source?.mailbox.address ?? actor.address);
  return {
    initial: { ...initial, from },
    fromOptions,
    contextAddress,
    backHref: `/mail/${encodeURIComponent(readable)}/inbox`,
    ownQuota: await quotaStatus(db, own.mailbox),
    signatures: await signaturesForFrom(db, actor, fromOptions),
  };
}
