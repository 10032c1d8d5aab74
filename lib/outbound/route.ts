import "server-only";
import { promises as dns } from "node:dns";

/** The DNS lookups delivery needs; tests pass a stub. */
export type Resolver = {
  resolveMx(domain: string): Promise<{ exchange: string; priority: number }[]>;
  resolve4(host: string): Promise<string[]>;
  resolve6(host: string): Promise<string[]>;
};

export const systemResolver: Resolver = {
  resolveMx: (d) => dns.resolveMx(d),
  resolve4: (h) => dns.resolve4(h),
  resolve6: (h) => dns.resolve6(h),
};

/** One address to try: the MX host's name (for TLS and reports) and an IP address of it. */
export type Hop = { host: string; address: string };

export type Route = { hops: Hop[] } | { temporary: string } | { permanent: string };

const NO_RECORD = new Set(["ENODATA", "ENOTFOUND"]);
const codeOf = (e: unknown) => (e as { code?: string }).code ?? "";

async function addressesOf(host: string, resolver: Resolver): Promise<string[]> {
  const [v4, v6] = await Promise.all([
    resolver.resolve4(host).catch(() => [] as string[]),
    resolver.resolve6(host).catch(() => [] as string[]),
  ]);
  return [...v4, ...v6];
}

/**
 * Where mail for a domain goes (RFC 5321 §5.1): its MX hosts by preference, each by its A then AAAA
 * addresses; no MX record → the domain itself (implicit MX); a null MX (RFC 7505) or a domain that
 * does not exist → permanent; any other DNS trouble → temporary (retried).
 */
export async function routeFor(domain: string, resolver: Resolver): Promise<Route> {
  let exchanges: string[];
  try {
    const mx = await resolver.resolveMx(domain);
    if (mx.length === 0) exchanges = [domain];
    else {
      if (mx.length === 1 && (mx[0]!.exchange === "" || mx[0]!.exchange === ".")) {
        return { permanent: `556 5.1.10 ${domain} accepts no mail (null MX)` };
      }
      exchanges = [...mx].sort((a, b) => a.priority - b.priority).map((m) => m.exchange);
    }
  } catch (error) {
    if (codeOf(error) === "ENOTFOUND") return { permanent: `550 5.1.2 ${domain}: no such domain` };
    if (!NO_RECORD.has(codeOf(error)))
      return { temporary: `451 4.4.3 DNS lookup of ${domain} failed (${codeOf(error)})` };
    exchanges = [domain];
  }
  const hops: Hop[] = [];
  for (const host of exchanges) {
    for (const address of await addressesOf(host, resolver)) hops.push({ host, address });
  }
  if (hops.length === 0) return { temporary: `451 4.4.4 no address found for the mail servers of ${domain}` };
  return { hops };
}
