import type { Mailbox } from "@/db/schema";
import { EXTERNAL_DOMAINS, FIRST_NAMES, LAST_NAMES } from "./text";
import type { Random } from "./random";

/**
 * The large organisation of the benchmark: 1,000 user mailboxes (the measured delegate
 * bench-user@, an admin, and 998 colleagues), 5 shared mailboxes delegated to bench-user@ with
 * Full Access and Send As, one of which ("the big one") holds the size's Inbox; and how many
 * messages go into which folder.
 */
export const BENCH_DOMAIN = "bench.example.org";
export const BENCH_PASSWORD = "Mailroom-bench-2026";
export const USER_MAILBOXES = 1000;

export type Size = { label: string; total: number; sharedInbox: number };

export const SIZES: Record<string, Size> = {
  "10k": { label: "10k", total: 10_000, sharedInbox: 1_000 },
  "100k": { label: "100k", total: 100_000, sharedInbox: 10_000 },
  "1m": { label: "1m", total: 1_000_000, sharedInbox: 100_000 },
  /** The IMAP benchmark's organisation: a 100,000-message shared Inbox without the 1 M around it. */
  imap100k: { label: "imap100k", total: 120_000, sharedInbox: 100_000 },
};

export type PlannedAccount = Mailbox & {
  key: string;
  kind: "standard" | "shared";
  role: "user" | "admin";
};

export const DELEGATE: PlannedAccount = {
  key: "delegate",
  address: `bench-user@${BENCH_DOMAIN}`,
  name: "Bench Délégué",
  kind: "standard",
  role: "user",
};
export const ADMIN: PlannedAccount = {
  key: "admin",
  address: `bench-admin@${BENCH_DOMAIN}`,
  name: "Bench Admin",
  kind: "standard",
  role: "admin",
};
export const SHARED: PlannedAccount[] = [
  ["big", "service-client", "Service client"],
  ["s2", "comptabilite", "Comptabilité"],
  ["s3", "ressources-humaines", "Ressources humaines"],
  ["s4", "sales", "Sales team"],
  ["s5", "accueil", "Accueil / Reception"],
].map(([key, local, name]) => ({
  key: key!,
  address: `${local}@${BENCH_DOMAIN}`,
  name: name!,
  kind: "shared" as const,
  role: "user" as const,
}));
export const BIG = SHARED[0]!;

export function plannedAccounts(): PlannedAccount[] {
  const colleagues = Array.from({ length: USER_MAILBOXES - 2 }, (_, i): PlannedAccount => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
    return {
      key: `u${i}`,
      address: `user${String(i + 1).padStart(4, "0")}@${BENCH_DOMAIN}`,
      name: `${first} ${last}`,
      kind: "standard",
      role: "user",
    };
  });
  return [DELEGATE, ADMIN, ...colleagues, ...SHARED];
}

/** User folders, by account key: the delegate and the shared mailboxes file their mail. */
export const USER_FOLDERS: Record<string, string[]> = {
  delegate: ["Projets", "Clients", "Archives 2024"],
  big: ["Traité", "En attente"],
  s2: ["Factures fournisseurs"],
  s3: ["Candidatures"],
  s4: ["Leads"],
  s5: ["Courrier"],
};

/** Share of a mailbox's messages per folder (the big Inbox is set apart). */
const SPLIT: [string, number][] = [
  ["inbox", 0.55],
  ["sent", 0.18],
  ["archive", 0.1],
  ["deleted", 0.05],
  ["junk", 0.02],
  ["drafts", 0.01],
  ["user", 0.09],
];

export type Slot = { accountKey: string; folder: string; count: number };

/** How many messages go in each folder: exactly size.total in all, size.sharedInbox in the big Inbox. */
export function plannedSlots(size: Size, accounts: PlannedAccount[]): Slot[] {
  const slots: Slot[] = [{ accountKey: BIG.key, folder: "inbox", count: size.sharedInbox }];
  const rest = size.total - size.sharedInbox;
  const perAccount = new Map<string, number>();
  perAccount.set(DELEGATE.key, Math.round(rest * 0.02));
  for (const s of SHARED) perAccount.set(s.key, Math.round(rest * 0.01));
  perAccount.set(ADMIN.key, Math.round(rest * 0.0005));
  const colleagues = accounts.filter((a) => !perAccount.has(a.key));
  let left = rest - [...perAccount.values()].reduce((a, b) => a + b, 0);
  colleagues.forEach((a, i) => {
    const n = Math.floor(left / (colleagues.length - i));
    perAccount.set(a.key, n);
    left -= n;
  });
  for (const [accountKey, count] of perAccount) {
    const userFolders = USER_FOLDERS[accountKey] ?? [];
    let placed = 0;
    SPLIT.forEach(([folder, share], i) => {
      const last = i === SPLIT.length - 1;
      const n = last ? count - placed : Math.round(count * share);
      placed += n;
      // The big Inbox holds exactly size.sharedInbox: the big mailbox's other mail is archived.
      if (folder === "inbox" && accountKey === BIG.key) return slots.push({ accountKey, folder: "archive", count: n });
      if (folder !== "user") return slots.push({ accountKey, folder, count: n });
      // User folders share their part; without any, it goes to the Archive.
      if (userFolders.length === 0) return slots.push({ accountKey, folder: "archive", count: n });
      userFolders.forEach((name, j) => {
        const part =
          j === userFolders.length - 1
            ? n - Math.floor(n / userFolders.length) * j
            : Math.floor(n / userFolders.length);
        slots.push({ accountKey, folder: `user:${name}`, count: part });
      });
    });
  }
  return slots.filter((s) => s.count > 0);
}

/** Outside correspondents, French and English names at a few domains. */
export function externalPeople(rnd: Random, count = 400): Mailbox[] {
  return Array.from({ length: count }, (_, i) => {
    const first = rnd.pick(FIRST_NAMES);
    const last = rnd.pick(LAST_NAMES);
    const local = `${first}.${last}`
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    return { name: `${first} ${last}`, address: `${local}${i}@${EXTERNAL_DOMAINS[i % EXTERNAL_DOMAINS.length]}` };
  });
}
