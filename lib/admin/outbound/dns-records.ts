import "server-only";
import { promises as dns } from "node:dns";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dkimKeys, domains } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { dkimRecordValue } from "@/lib/dkim/keys";
import { requireAdmin } from "../require-admin";

export type RecordCheck = "ok" | "missing" | "different" | "unchecked";
export type DnsRecord = { type: "MX" | "TXT"; name: string; value: string; check: RecordCheck; found: string[] };
export type DomainRecords = { domain: string; records: DnsRecord[]; hasDkimKey: boolean };

/** The lookups the check needs; tests pass a stub, offline ones fail. */
export type DnsLookup = {
  resolveMx(name: string): Promise<{ exchange: string; priority: number }[]>;
  resolveTxt(name: string): Promise<string[][]>;
};
export const systemDnsLookup: DnsLookup = { resolveMx: (n) => dns.resolveMx(n), resolveTxt: (n) => dns.resolveTxt(n) };

const NOT_THERE = new Set(["ENODATA", "ENOTFOUND"]);
const TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEOUT" })), TIMEOUT_MS),
    ),
  ]);
}

/** What DNS has at a name: its values, "missing" when it has none, null when DNS could not be asked. */
async function lookup(run: () => Promise<string[]>): Promise<string[] | null> {
  try {
    return await withTimeout(run());
  } catch (error) {
    return NOT_THERE.has((error as { code?: string }).code ?? "") ? [] : null;
  }
}

const norm = (v: string) => v.replace(/\s+/g, " ").replace(/\.$/, "").trim().toLowerCase();

function judge(
  found: string[] | null,
  wanted: string,
  matches: (found: string, wanted: string) => boolean,
): RecordCheck {
  if (found === null) return "unchecked";
  if (found.length === 0) return "missing";
  return found.some((f) => matches(norm(f), norm(wanted))) ? "ok" : "different";
}

/**
 * The DNS records each of the organisation's domains should publish for mail to and from the world
 * (MX, SPF, DKIM, DMARC), each checked against DNS when it answers: "unchecked" when it does not
 * (offline), never an error. Admins only.
 */
export async function domainRecords(
  db: Db,
  actor: Actor,
  options: { mailHost: string; lookup?: DnsLookup },
): Promise<DomainRecords[]> {
  requireAdmin(actor);
  const look = options.lookup ?? systemDnsLookup;
  const rows = await db
    .select({ domain: sql<string>`lower(${domains.name})`, selector: dkimKeys.selector, publicKey: dkimKeys.publicKey })
    .from(domains)
    .leftJoin(dkimKeys, eq(dkimKeys.domain, sql`lower(${domains.name})`))
    .where(eq(domains.orgId, actor.orgId))
    .orderBy(domains.name);
  return Promise.all(
    rows.map(async (row) => {
      const d = row.domain;
      const txt = (name: string) => lookup(async () => (await look.resolveTxt(name)).map((chunks) => chunks.join("")));
      const wanted = {
        mx: options.mailHost,
        spf: "v=spf1 mx -all",
        dmarc: `v=DMARC1; p=quarantine; rua=mailto:postmaster@${d}`,
        dkim: row.publicKey ? dkimRecordValue({ publicKey: row.publicKey }) : null,
      };
      const dkimName = row.selector ? `${row.selector}._domainkey.${d}` : `(selector)._domainkey.${d}`;
      const [mx, root, dmarc, dkim] = await Promise.all([
        lookup(async () => (await look.resolveMx(d)).map((m) => m.exchange)),
        txt(d),
        txt(`_dmarc.${d}`),
        row.selector ? txt(dkimName) : Promise.resolve(null),
      ]);
      const spfFound = root?.filter((v) => v.toLowerCase().startsWith("v=spf1")) ?? null;
      const records: DnsRecord[] = [
        {
          type: "MX",
          name: d,
          value: `10 ${wanted.mx}.`,
          check: judge(mx, wanted.mx, (f, w) => f === w),
          found: mx ?? [],
        },
        // any SPF record is accepted: the one shown is a start, the domain may send from elsewhere too
        {
          type: "TXT",
          name: d,
          value: wanted.spf,
          check: judge(spfFound, wanted.spf, () => true),
          found: spfFound ?? [],
        },
        {
          type: "TXT",
          name: dkimName,
          value: wanted.dkim ?? "",
          check: wanted.dkim
            ? judge(dkim, wanted.dkim, (f, w) => f.replace(/ /g, "") === w.replace(/ /g, ""))
            : "missing",
          found: dkim ?? [],
        },
        {
          type: "TXT",
          name: `_dmarc.${d}`,
          value: wanted.dmarc,
          check: judge(dmarc, wanted.dmarc, (f) => f.startsWith("v=dmarc1")),
          found: dmarc ?? [],
        },
      ];
      return { domain: d, records, hasDkimKey: Boolean(row.publicKey) };
    }),
  );
}
