import "server-only";
import { promises as dns } from "node:dns";
import { eq, sql } from "drizzle-orm";
import type { DNSResolver } from "mailauth";
import { spf } from "mailauth/lib/spf";
import type { Db } from "@/db/client";
import { dkimKeys, domains } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { dkimRecordValue } from "@/lib/dkim/keys";
import { requireAdmin } from "../require-admin";

export type RecordCheck = "ok" | "missing" | "different" | "unchecked" | "notAuthorised";
export type DnsRecord = {
  kind: "mx" | "spf" | "dkim" | "dmarc";
  type: "MX" | "TXT";
  name: string;
  value: string;
  check: RecordCheck;
  found: string[];
  /** For an SPF record that does not authorise this server: what to add (`mx`, `ip4:…`, `ip6:…`). */
  fix?: string;
};
export type DomainRecords = { domain: string; records: DnsRecord[]; hasDkimKey: boolean };

/** The lookups the check needs; tests pass a stub, offline ones fail. */
export type DnsLookup = {
  resolveMx(name: string): Promise<{ exchange: string; priority: number }[]>;
  resolveTxt(name: string): Promise<string[][]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
};
export const systemDnsLookup: DnsLookup = {
  resolveMx: (n) => dns.resolveMx(n),
  resolveTxt: (n) => dns.resolveTxt(n),
  resolve4: (n) => dns.resolve4(n),
  resolve6: (n) => dns.resolve6(n),
};

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

/** The resolver mailauth's SPF evaluator asks (name, record type), answered from `look`, each lookup timed. */
function spfResolver(look: DnsLookup): DNSResolver {
  // MX answers are objects ({ exchange, priority }), as node:dns gives them and mailauth reads them
  return (name: string, type: string) => {
    const ask = (): Promise<unknown[]> => {
      switch (type) {
        case "TXT":
          return look.resolveTxt(name);
        case "MX":
          return look.resolveMx(name);
        case "A":
          return look.resolve4(name);
        case "AAAA":
          return look.resolve6(name);
        default:
          return Promise.reject(Object.assign(new Error(`no ${type} lookups`), { code: "ENODATA" }));
      }
    };
    return withTimeout(ask()) as Promise<string[]>;
  };
}

/**
 * Evaluates the domain's published SPF policy (RFC 7208, by mailauth's evaluator) for each address
 * mail leaves from — the relay's when one is configured, else this server's (the addresses of its
 * host name): "ok" when every one passes, "notAuthorised" (with what to add) when one does not,
 * "missing" without a policy, "unchecked" when DNS cannot answer or the addresses are unknown.
 */
async function checkSpf(
  look: DnsLookup,
  domain: string,
  sendingHost: string,
  viaRelay: boolean,
  published: string[] | null,
): Promise<{ check: RecordCheck; fix?: string }> {
  if (published === null) return { check: "unchecked" };
  if (published.length === 0) return { check: "missing" };
  const [v4, v6] = await Promise.all([
    lookup(() => look.resolve4(sendingHost)),
    lookup(() => look.resolve6(sendingHost)),
  ]);
  const addresses = [...(v4 ?? []), ...(v6 ?? [])];
  if (addresses.length === 0) return { check: "unchecked" };
  const resolver = spfResolver(look);
  const results = await Promise.all(
    addresses.map(async (ip) => {
      try {
        const r = (await spf({
          sender: `postmaster@${domain}`,
          ip,
          helo: sendingHost,
          mta: sendingHost,
          resolver,
        })) as {
          status: { result: string };
        };
        return { ip, result: r.status.result };
      } catch {
        return { ip, result: "temperror" };
      }
    }),
  );
  if (results.every((r) => r.result === "pass")) return { check: "ok" };
  if (results.some((r) => r.result === "temperror")) return { check: "unchecked" };
  const missing = results
    .filter((r) => r.result !== "pass")
    .map((r) => (r.ip.includes(":") ? `ip6:${r.ip}` : `ip4:${r.ip}`));
  return { check: "notAuthorised", fix: viaRelay ? missing.join(" ") : ["mx", ...missing].join(" / ") };
}

/**
 * The DNS records each of the organisation's domains should publish for mail to and from the world
 * (MX, SPF, DKIM, DMARC), each checked against DNS when it answers: "unchecked" when it does not
 * (offline), never an error. SPF is evaluated for the addresses mail leaves from (`relayHost` when
 * mail goes through a relay, else `mailHost`). Admins only.
 */
export async function domainRecords(
  db: Db,
  actor: Actor,
  options: { mailHost: string; relayHost?: string; lookup?: DnsLookup },
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
      const spfFound = root?.filter((v) => /^v=spf1(\s|$)/i.test(v)) ?? null;
      const sender = options.relayHost ?? options.mailHost;
      const spfCheck = await checkSpf(look, d, sender, Boolean(options.relayHost), spfFound);
      const records: DnsRecord[] = [
        {
          kind: "mx",
          type: "MX",
          name: d,
          value: `10 ${wanted.mx}.`,
          check: judge(mx, wanted.mx, (f, w) => f === w),
          found: mx ?? [],
        },
        // any policy that authorises the sending addresses is right: the one shown is a start
        {
          kind: "spf",
          type: "TXT",
          name: d,
          value: options.relayHost ? `v=spf1 mx a:${options.relayHost} -all` : wanted.spf,
          ...spfCheck,
          found: spfFound ?? [],
        },
        {
          kind: "dkim",
          type: "TXT",
          name: dkimName,
          value: wanted.dkim ?? "",
          check: wanted.dkim
            ? judge(dkim, wanted.dkim, (f, w) => f.replace(/ /g, "") === w.replace(/ /g, ""))
            : "missing",
          found: dkim ?? [],
        },
        {
          kind: "dmarc",
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
