import os from "node:os";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { migrate } from "@/db/migrate";
import {
  accounts,
  delegations,
  domains,
  FOLDER_KINDS,
  folders,
  GIB,
  organizations,
  sharedFolderLinks,
} from "@/db/schema";
import { WELL_KNOWN_NAMES } from "@/lib/accounts/insert-account";
import { hashPassword } from "@/lib/auth/password";
import type { Bulk } from "./bulk";
import { buildCorpus } from "./corpus";
import { random } from "./random";
import {
  ADMIN,
  BENCH_DOMAIN,
  BENCH_PASSWORD,
  DELEGATE,
  externalPeople,
  plannedAccounts,
  plannedSlots,
  SHARED,
  USER_FOLDERS,
  type Size,
} from "./plan";
import {
  dropMessageIndexes,
  dropStaging,
  insertMessages,
  loadTemplates,
  assignUids,
  rebuildIndexes,
  setCounters,
} from "./seed-finish";
import { CREATE_STAGE, generateMessages, type TargetFolder } from "./seed-messages";

/**
 * The bulk seeder: a large organisation (plan.ts) with `size.total` messages of real MIME,
 * loaded with COPY. Every phase is timed; the whole 1 M load is meant to take under 10 minutes
 * on a 2-core machine.
 */
export type SeedResult = {
  /** When the seed started, and the machine's load then (figures taken on a busy machine are slower). */
  date?: string;
  loadAverage?: number[];
  seconds: number;
  phases: Record<string, number>;
  messages: number;
  contentBytes: number;
  databaseBytes: number | null;
};

type Log = (line: string) => void;

async function timed<T>(phases: Record<string, number>, name: string, log: Log, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  phases[name] = (performance.now() - start) / 1000;
  log(`  ${name}: ${phases[name]!.toFixed(1)} s`);
  return result;
}

/** Refuses to wipe a database that holds anything but a benchmark organisation. */
async function wipe(db: Db, bulk: Bulk): Promise<void> {
  const names = (await db.select({ name: domains.name }).from(domains)).map((d) => d.name);
  const orgs = await db.select({ id: organizations.id }).from(organizations);
  if (orgs.length === 0) return;
  if (names.some((n) => n !== BENCH_DOMAIN) || orgs.length > 1)
    throw new Error(
      `this database holds other organisations (${names.join(", ")}): give the benchmark its own database`,
    );
  const [session] = await bulk.sessions();
  await session!.query(`truncate organizations, sign_in_throttle cascade`);
  await session!.release();
}

/** The organisation, its 1,005 mailboxes, their folders, the delegations and the automapped links. */
async function createOrganisation(db: Db) {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Bench Organisation", poolBytes: 200 * GIB })
    .returning();
  await db.insert(domains).values({ orgId: org!.id, name: BENCH_DOMAIN });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const planned = plannedAccounts();
  const rows = await db
    .insert(accounts)
    .values(
      planned.map((a) => ({
        orgId: org!.id,
        address: a.address,
        displayName: a.name,
        kind: a.kind,
        role: a.role,
        passwordHash: a.kind === "standard" ? passwordHash : null,
        quotaBytes: (a.kind === "shared" ? 20 : 10) * GIB,
      })),
    )
    .returning({ id: accounts.id, address: accounts.address });
  const idOf = new Map(rows.map((r) => [r.address, r.id]));
  const byKey = new Map(planned.map((a) => [a.key, { ...a, id: idOf.get(a.address)! }]));
  const folderValues = planned.flatMap((a) => [
    ...FOLDER_KINDS.map((kind) => ({
      orgId: org!.id,
      accountId: idOf.get(a.address)!,
      kind,
      name: WELL_KNOWN_NAMES[kind],
    })),
    ...(USER_FOLDERS[a.key] ?? []).map((name) => ({
      orgId: org!.id,
      accountId: idOf.get(a.address)!,
      kind: "user" as const,
      name,
    })),
  ]);
  const folderIds = new Map<string, string>();
  for (let i = 0; i < folderValues.length; i += 1000) {
    const inserted = await db
      .insert(folders)
      .values(folderValues.slice(i, i + 1000))
      .returning({ id: folders.id, accountId: folders.accountId, kind: folders.kind, name: folders.name });
    for (const f of inserted) folderIds.set(`${f.accountId}:${f.kind === "user" ? `user:${f.name}` : f.kind}`, f.id);
  }
  const delegate = byKey.get(DELEGATE.key)!;
  const admin = byKey.get(ADMIN.key)!;
  const shared = SHARED.map((s) => byKey.get(s.key)!);
  await db.insert(delegations).values(
    shared.map((s) => ({
      orgId: org!.id,
      mailboxId: s.id,
      delegateId: delegate.id,
      fullAccess: true,
      sendAs: true,
      automap: true,
      grantedBy: admin.id,
    })),
  );
  await db
    .insert(sharedFolderLinks)
    .values(
      shared.map((s) => ({ orgId: org!.id, accountId: delegate.id, mailboxId: s.id, source: "automap" as const })),
    );
  return { orgId: org!.id, planned, byKey, folderIds };
}

export async function seedLarge(bulk: Bulk, size: Size, log: Log): Promise<SeedResult> {
  const phases: Record<string, number> = {};
  const start = performance.now();
  const date = new Date().toISOString();
  const loadAverage = os.loadavg();
  const db = bulk.handle.db;
  log(
    `seeding ${size.label}: ${size.total.toLocaleString("en")} messages, ${size.sharedInbox.toLocaleString("en")} in ` +
      `the shared Inbox (${bulk.driver})`,
  );
  await timed(phases, "migrate", log, () => migrate(bulk.handle));
  await timed(phases, "wipe", log, () => wipe(db, bulk));
  const org = await timed(phases, "organisation", log, () => createOrganisation(db));
  const templates = await timed(phases, "templates", log, () => buildCorpus());

  const sessions = await bulk.sessions();
  const pglite = bulk.driver === "pglite";
  for (const s of sessions) {
    await s.query(`set session_replication_role = replica`);
    await s.query(`set maintenance_work_mem = '${pglite ? "128MB" : "1GB"}'`);
    await s.query(`set work_mem = '${pglite ? "64MB" : "256MB"}'`);
    if (!pglite) await s.query(`set synchronous_commit = off`);
  }
  const rnd = random(size.total);
  const colleagues = org.planned.filter((a) => a.kind === "standard");
  const targets: TargetFolder[] = plannedSlots(size, org.planned).map((slot) => {
    const owner = org.byKey.get(slot.accountKey)!;
    const folderId = org.folderIds.get(`${owner.id}:${slot.folder}`);
    if (!folderId) throw new Error(`no folder ${slot.folder} for ${owner.address}`);
    return { owner, folderId, kind: slot.folder.startsWith("user:") ? "user" : slot.folder, count: slot.count };
  });
  await sessions[0]!.query(CREATE_STAGE);
  await loadTemplates(sessions[0]!, templates);
  const indexes = await dropMessageIndexes(sessions[0]!);

  let lastLog = 0;
  const stats = await timed(phases, "generate + copy", log, () =>
    generateMessages(
      sessions,
      {
        orgId: org.orgId,
        templates,
        targets,
        people: { colleagues, externals: externalPeople(rnd) },
        rnd,
        now: new Date(),
      },
      (done) => {
        if (done - lastLog >= size.total / 10 || done === size.total) {
          lastLog = done;
          log(`    ${done.toLocaleString("en")} messages`);
        }
      },
    ),
  );
  await timed(phases, "messages insert + search vectors", log, () => insertMessages(sessions));
  await timed(phases, "IMAP UIDs", log, () => assignUids(sessions[0]!, org.orgId));
  await timed(phases, "indexes", log, () => rebuildIndexes(sessions, indexes));
  await timed(phases, "counters + used bytes", log, () => setCounters(sessions[0]!, org.orgId));
  await dropStaging(sessions[0]!);
  await timed(phases, "vacuum analyze", log, async () => {
    for (const table of ["messages", "message_contents", "folders", "accounts", "delegations", "shared_folder_links"])
      await sessions[0]!.query(`vacuum analyze ${table}`);
  });
  const [dbSize] = pglite ? [] : await sessions[0]!.query(`select pg_database_size(current_database())::bigint as b`);
  for (const s of sessions) await s.release();
  const [check] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, org.orgId));
  if (!check) throw new Error("the organisation vanished during the load");
  const seconds = (performance.now() - start) / 1000;
  log(`  seeded in ${seconds.toFixed(1)} s`);
  return {
    date,
    loadAverage,
    seconds,
    phases,
    messages: stats.messages,
    contentBytes: stats.contentBytes,
    databaseBytes: dbSize ? Number(dbSize.b) : null,
  };
}
