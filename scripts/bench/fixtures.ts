import { encodeCursor } from "@/lib/messages/list-messages";
import type { Session } from "./bulk";
import { BIG, DELEGATE, BENCH_DOMAIN } from "./plan";

/**
 * What the scenarios need from the seeded database, read before the server starts (PGlite
 * allows one process at a time): the big shared Inbox, its newest message, a keyset cursor 90 %
 * deep into it, a message to open, a local recipient and the search word.
 */
export type Fixtures = {
  totalMessages: number;
  bigAddress: string;
  inboxCount: number;
  newest: { id: string; subject: string };
  deepCursor: string;
  deepOffset: number;
  openMessageId: string;
  recipient: string;
  searchWord: string;
  searchMatchesInBig: number;
  delegateSentFolderId: string;
};

export const SEARCH_WORD = "facture";

const q = (value: string) => `'${value.replace(/'/g, "''")}'`;

export async function readFixtures(session: Session): Promise<Fixtures> {
  const [inbox] = await session.query(`
    select f.org_id, f.id, f.total_count from folders f join accounts a on a.id = f.account_id
    where a.address = ${q(BIG.address)} and f.kind = 'inbox'`);
  if (!inbox) throw new Error(`no seeded organisation (${BIG.address}): run without --skip-seed`);
  const scope = `org_id = ${q(String(inbox.org_id))} and folder_id = ${q(String(inbox.id))}`;
  const at = async (offset: number) => {
    const [row] = await session.query(
      `select id, subject, received_at from messages where ${scope} order by received_at desc, id desc offset ` +
        `${offset} limit 1`,
    );
    if (!row) throw new Error(`the shared Inbox has no message at offset ${offset}`);
    return { id: String(row.id), subject: String(row.subject), receivedAt: new Date(row.received_at as string) };
  };
  const inboxCount = Number(inbox.total_count);
  const deepOffset = Math.floor(inboxCount * 0.9);
  const deep = await at(deepOffset);
  const newest = await at(0);
  const middle = await at(Math.floor(inboxCount / 2));
  const [total] = await session.query(`select count(*)::int as n from messages`);
  const [matches] = await session.query(`
    select count(*)::int as n from messages m join accounts a on a.id = m.account_id
    where a.address = ${q(BIG.address)} and m.search_vector @@ to_tsquery('simple', ${q(SEARCH_WORD)})`);
  const [sent] = await session.query(`
    select f.id from folders f join accounts a on a.id = f.account_id
    where a.address = ${q(DELEGATE.address)} and f.kind = 'sent'`);
  return {
    totalMessages: Number(total!.n),
    bigAddress: BIG.address,
    inboxCount,
    newest: { id: newest.id, subject: newest.subject },
    deepCursor: encodeCursor(deep),
    deepOffset,
    openMessageId: middle.id,
    recipient: `user0001@${BENCH_DOMAIN}`,
    searchWord: SEARCH_WORD,
    searchMatchesInBig: Number(matches!.n),
    delegateSentFolderId: String(sent!.id),
  };
}
