import type { Session } from "./bulk";
import type { Template } from "./corpus";
import { copyText } from "./bulk";

/**
 * The SQL side of the bulk load: the template table (snippet and body search vector computed once
 * per template), the messages' secondary indexes dropped before and rebuilt after the load, the
 * staged rows turned into messages, then folder counters and used bytes set in one UPDATE each
 * (the counter triggers are off during the load: session_replication_role = replica).
 */

export async function loadTemplates(session: Session, templates: Template[]): Promise<void> {
  await session.query(`
    create unlogged table if not exists bench_templates (
      no integer primary key, snippet text not null, has_attachments boolean not null, body_text text not null,
      body_tsv tsvector)`);
  const target = await session.copy("bench_templates", ["no", "snippet", "has_attachments", "body_text"]);
  await target.write(
    templates
      .map((t) => [t.no, copyText(t.snippet), t.hasAttachments, copyText(t.bodyText)].join("\t") + "\n")
      .join(""),
  );
  await target.end();
  await session.query(`update bench_templates set body_tsv = to_tsvector('simple', body_text) where body_tsv is null`);
}

/** Drops the secondary indexes of messages and returns their definitions, to rebuild them after. */
export async function dropMessageIndexes(session: Session): Promise<string[]> {
  const rows = await session.query(`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = 'messages'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
  for (const row of rows) await session.query(`drop index if exists "${String(row.indexname)}"`);
  return rows.map((r) => String(r.indexdef));
}

/** Moves the staged rows into messages, newest last (as mail arrives), split over the sessions. */
export async function insertMessages(sessions: Session[]): Promise<void> {
  await Promise.all(
    sessions.map((session, k) =>
      session.query(`
        insert into messages (org_id, id, account_id, folder_id, content_id, message_id_header, from_address,
          from_name, to_list, subject, snippet, size_bytes, sent_at, received_at, seen, flagged, answered,
          has_attachments, is_draft, search_vector)
        select s.org_id, s.id, s.account_id, s.folder_id, s.content_id, s.message_id_header, s.from_address,
          s.from_name, s.to_list, s.subject, t.snippet, s.size_bytes, s.sent_at, s.received_at, s.seen, s.flagged,
          false, t.has_attachments, s.is_draft, to_tsvector('simple', s.head_text) || t.body_tsv
        from bench_stage s join bench_templates t on t.no = s.template
        where s.n % ${sessions.length} = ${k}
        order by s.received_at`),
    ),
  );
}

/** Rebuilds the indexes, as many at a time as there are sessions. */
export async function rebuildIndexes(sessions: Session[], definitions: string[]): Promise<void> {
  const queue = [...definitions];
  await Promise.all(
    sessions.map(async (session) => {
      for (let def = queue.shift(); def; def = queue.shift()) await session.query(def);
    }),
  );
}

/**
 * IMAP UIDs (the trigger that gives them is off during the load): 1, 2, 3… per folder in
 * received_at order, and each folder's next UID, as the migration that added them does.
 */
export async function assignUids(session: Session, orgId: string): Promise<void> {
  await session.query(`
    update messages m set uid = n.rn
    from (select id, row_number() over (partition by folder_id order by received_at, id)::int as rn
          from messages where org_id = '${orgId}') n
    where m.org_id = '${orgId}' and m.id = n.id`);
  await session.query(`
    update folders f set uid_next = d.n + 1
    from (select folder_id, count(*)::int as n from messages where org_id = '${orgId}' group by folder_id) d
    where f.org_id = '${orgId}' and f.id = d.folder_id`);
}

/** Folder counters and used bytes, from the messages themselves, in one statement each. */
export async function setCounters(session: Session, orgId: string): Promise<void> {
  await session.query(`
    update folders f set total_count = d.n, unread_count = d.u
    from (select org_id, folder_id, count(*)::int as n, (count(*) filter (where not seen))::int as u
          from messages where org_id = '${orgId}' group by org_id, folder_id) d
    where f.org_id = d.org_id and f.id = d.folder_id`);
  await session.query(`
    update accounts a set used_bytes = d.b
    from (select account_id, sum(size_bytes)::bigint as b from messages where org_id = '${orgId}' group by account_id) d
    where a.id = d.account_id`);
}

export async function dropStaging(session: Session): Promise<void> {
  await session.query(`drop table if exists bench_stage`);
  await session.query(`drop table if exists bench_templates`);
}
