import { createHash, randomUUID } from "node:crypto";
import type { Mailbox } from "@/db/schema";
import { binaryInt4, binaryTuple, binaryUuid, copyText, type CopyTarget, type Session } from "./bulk";
import type { Template } from "./corpus";
import { derive } from "./derive";
import type { Random } from "./random";
import { BENCH_DOMAIN } from "./plan";

/**
 * Generates the messages of every folder and streams them with COPY: the raw content into
 * message_contents, the listing fields into an unlogged staging table that seed-finish.ts turns
 * into messages rows (adding the template's snippet and the search vector in SQL).
 */
export type TargetFolder = {
  owner: Mailbox & { id: string };
  folderId: string;
  kind: string;
  count: number;
};

export const STAGE_COLUMNS = [
  "n",
  "org_id",
  "id",
  "account_id",
  "folder_id",
  "content_id",
  "message_id_header",
  "from_address",
  "from_name",
  "to_list",
  "subject",
  "size_bytes",
  "sent_at",
  "received_at",
  "seen",
  "flagged",
  "is_draft",
  "template",
  "head_text",
];

export const CREATE_STAGE = `
  create unlogged table if not exists bench_stage (
    n integer not null, org_id uuid not null, id uuid not null, account_id uuid not null, folder_id uuid not null,
    content_id uuid not null, message_id_header text, from_address text not null, from_name text not null,
    to_list jsonb not null, subject text not null, size_bytes integer not null, sent_at timestamptz,
    received_at timestamptz not null, seen boolean not null, flagged boolean not null, is_draft boolean not null,
    template integer not null, head_text text not null)`;

const CONTENT_COLUMNS = ["org_id", "id", "raw", "size_bytes", "sha256"];
const YEARS = 3 * 365 * 24 * 3600_000;
const BATCH_BYTES = 4 * 1024 * 1024;
const PREFIXES = ["", "", "", "Re: ", "RE: ", "TR: ", "Fwd: "];

export type People = { colleagues: Mailbox[]; externals: Mailbox[] };

export type GenerateStats = { messages: number; contentBytes: number };

function fillSubject(subject: string, rnd: Random, people: People): string {
  const filled = subject
    .replaceAll("{n}", String(rnd.int(10_000, 99_999)))
    .replaceAll("{d}", `${rnd.int(1, 29)}/${rnd.int(1, 13)}`)
    .replaceAll("{name}", rnd.pick(people.colleagues).name);
  return rnd.pick(PREFIXES) + filled;
}

/** The correspondents of one message: mail in Sent and Drafts is from the owner, the rest to it. */
function correspondents(target: TargetFolder, rnd: Random, people: People): { from: Mailbox; to: Mailbox } {
  const other = rnd() < 0.6 ? rnd.pick(people.externals) : rnd.pick(people.colleagues);
  return target.kind === "sent" || target.kind === "drafts"
    ? { from: target.owner, to: other }
    : { from: other, to: target.owner };
}

/**
 * Streams every message of `targets`. With two sessions the contents and the staging rows are
 * copied at the same time; with one (PGlite) batch after batch.
 */
export async function generateMessages(
  sessions: Session[],
  input: { orgId: string; templates: Template[]; targets: TargetFolder[]; people: People; rnd: Random; now: Date },
  onProgress: (done: number) => void,
): Promise<GenerateStats> {
  const { orgId, templates, targets, people, rnd, now } = input;
  const contentSession = sessions[0]!;
  const orgBytes = binaryUuid(orgId);
  const stageSession = sessions[1] ?? sessions[0]!;
  // PGlite has one session: its copy targets run one statement per batch, so two can alternate.
  const contents: CopyTarget = await contentSession.copy("message_contents", CONTENT_COLUMNS, "binary");
  const stage: CopyTarget = await stageSession.copy("bench_stage", STAGE_COLUMNS);

  let contentBuf: Buffer[] = [];
  let stageBuf: string[] = [];
  let pending = 0;
  const stats: GenerateStats = { messages: 0, contentBytes: 0 };
  const flush = async () => {
    const c = Buffer.concat(contentBuf);
    const s = stageBuf.join("");
    contentBuf = [];
    stageBuf = [];
    pending = 0;
    if (sessions.length > 1) await Promise.all([contents.write(c), stage.write(s)]);
    else {
      await contents.write(c);
      await stage.write(s);
    }
  };

  for (const target of targets) {
    for (let i = 0; i < target.count; i++) {
      const template = rnd.pick(templates);
      const { from, to } = correspondents(target, rnd, people);
      const receivedAt = new Date(now.getTime() - 60_000 - Math.floor(rnd() ** 1.3 * YEARS));
      const sentAt = new Date(receivedAt.getTime() - rnd.int(1_000, 120_000));
      const messageId = `<${randomUUID()}@${from.address.split("@")[1] ?? BENCH_DOMAIN}>`;
      const derived = derive(template, {
        from,
        to,
        subject: fillSubject(template.subject, rnd, people),
        messageId,
        date: sentAt,
      });
      const size = derived.raw.length;
      const contentId = randomUUID();
      const sha = createHash("sha256").update(derived.raw).digest("hex");
      contentBuf.push(binaryTuple([orgBytes, binaryUuid(contentId), derived.raw, binaryInt4(size), Buffer.from(sha)]));
      const seen = target.kind === "inbox" ? rnd() < 0.85 : target.kind === "junk" ? rnd() < 0.5 : true;
      stageBuf.push(
        [
          stats.messages,
          orgId,
          randomUUID(),
          target.owner.id,
          target.folderId,
          contentId,
          copyText(messageId),
          copyText(from.address),
          copyText(from.name),
          copyText(JSON.stringify([{ name: to.name, address: to.address }])),
          copyText(derived.subject),
          size,
          sentAt.toISOString(),
          receivedAt.toISOString(),
          seen,
          rnd() < 0.03,
          target.kind === "drafts",
          template.no,
          copyText(derived.headText),
        ].join("\t") + "\n",
      );
      stats.messages++;
      stats.contentBytes += size;
      pending += size;
      if (pending >= BATCH_BYTES) {
        await flush();
        onProgress(stats.messages);
      }
    }
  }
  if (contentBuf.length) await flush();
  await contents.end();
  await stage.end();
  onProgress(stats.messages);
  return stats;
}
