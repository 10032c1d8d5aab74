import "server-only";
import { authenticate, type DNSResolver } from "mailauth";

export type { DNSResolver };

/** What happens to a message after SPF, DKIM and DMARC (RFC 7489 §6.6.2: the sender's policy). */
export type Verdict = "accept" | "junk" | "reject";

export type AuthenticationOutcome = {
  /** `Received-SPF`, ARC and `Authentication-Results` lines to put above the message, CRLF-ended. */
  headers: string;
  verdict: Verdict;
  spf: string;
  dkim: string;
  dmarc: string;
};

export type AuthenticationInput = {
  /** The client's IP address. */
  ip: string;
  /** What it said in EHLO/HELO. */
  helo: string;
  /** MAIL FROM ("" for the null sender). */
  sender: string;
  /** This host's name, the authserv-id of Authentication-Results. */
  hostname: string;
  /** DNS look-ups; node's resolver when absent, a stub in tests. */
  resolver?: DNSResolver;
};

/**
 * SPF, DKIM, DMARC and ARC with mailauth. A DMARC failure under `p=reject` is refused,
 * under `p=quarantine` goes to Junk Email (both applied to the policy's `pct` share of mail);
 * everything else is delivered, with the results recorded in Authentication-Results.
 */
export async function authenticateMessage(raw: Buffer, input: AuthenticationInput): Promise<AuthenticationOutcome> {
  const result = await authenticate(raw, {
    ip: input.ip,
    helo: input.helo,
    sender: input.sender,
    mta: input.hostname,
    resolver: input.resolver,
    disableBimi: true,
  });
  const dmarc = result.dmarc || null;
  const dmarcResult = dmarc?.status?.result ?? "none";
  let verdict: Verdict = "accept";
  if (dmarc && dmarcResult === "fail") {
    const applies = dmarc.pct === undefined || dmarc.pct >= 100 || Math.random() * 100 < dmarc.pct;
    if (applies && dmarc.policy === "reject") verdict = "reject";
    else if (applies && dmarc.policy === "quarantine") verdict = "junk";
  }
  return {
    headers: result.headers,
    verdict,
    spf: (result.spf && result.spf.status?.result) || "none",
    dkim: result.dkim?.results?.map((r) => r.status?.result).join(",") || "none",
    dmarc: dmarcResult,
  };
}
