import "server-only";
import { promises as dns } from "node:dns";
import type { DNSResolver } from "mailauth";

type Entry = { expires: number; answer: Promise<string[][] | string[]> };

const NOT_FOUND = new Set(["ENOTFOUND", "ENODATA", "ENOTIMP", "NXDOMAIN"]);

/**
 * A resolver for mailauth that remembers answers for a while (positive `ttlMs`, "no such
 * record" `negativeTtlMs`, other errors not at all) and shares one query between concurrent
 * look-ups of the same name: a burst of mail from one domain asks DNS once. At most `max` entries.
 */
export function cachingResolver(
  base: DNSResolver = (name, rrtype) => dns.resolve(name, rrtype) as Promise<string[][] | string[]>,
  { ttlMs = 300_000, negativeTtlMs = 60_000, max = 10_000 } = {},
): DNSResolver {
  const cache = new Map<string, Entry>();
  return (name, rrtype) => {
    const key = `${rrtype}:${name.toLowerCase()}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expires > now) return hit.answer;
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    const answer = base(name, rrtype);
    const entry: Entry = { expires: now + ttlMs, answer };
    cache.set(key, entry);
    answer.catch((error: { code?: string }) => {
      if (NOT_FOUND.has(error?.code ?? "")) entry.expires = Date.now() + negativeTtlMs;
      else cache.delete(key);
    });
    return answer;
  };
}
