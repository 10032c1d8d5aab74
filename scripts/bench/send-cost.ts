import { and, asc, eq, ne } from "drizzle-orm";
import { parseArgs } from "node:util";
import { getDb } from "@/db/client";
import { accounts } from "@/db/schema";
import { sendMessage } from "@/lib/compose/send";
import { imapColumns } from "@/lib/imap-store/summary";
import { buildMessage } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import { databaseUrl, DEFAULT_SERVER_URL } from "./database";
import { DELEGATE } from "./plan";

/**
 * What one send costs the domain, outside the web server: `sendMessage` called in a loop (the
 * webmail's send path without Next.js, the session or the form), and the MIME steps it contains,
 * each as wall time and this process's CPU time per call. Against a seeded benchmark database:
 *   npx tsx --conditions=react-server scripts/bench/send-cost.ts --size 10k [--sends 200]
 * Compare with the server's CPU per send (`scripts/bench/profile.ts --scenario send`): the
 * difference is what the framework adds.
 */
const { values } = parseArgs({
  options: { size: { type: "string", default: "10k" }, sends: { type: "string", default: "200" } },
});

async function perCall(label: string, n: number, call: (i: number) => Promise<unknown>): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) await call(i);
  const used = process.cpuUsage(cpu);
  const wall = (performance.now() - start) / n;
  console.log(`${label}: ${wall.toFixed(2)} ms wall, ${((used.user + used.system) / 1000 / n).toFixed(2)} ms CPU`);
}

async function main() {
  const server = process.env.BENCH_POSTGRES_URL ?? DEFAULT_SERVER_URL;
  process.env.DATABASE_URL = databaseUrl(server, `mailroom_bench_${values.size}`);
  const db = getDb();
  const [me] = await db.select().from(accounts).where(eq(accounts.address, DELEGATE.address));
  if (!me) throw new Error(`no ${DELEGATE.address}: seed the ${values.size} benchmark first (npm run bench)`);
  const [to] = await db
    .select({ address: accounts.address })
    .from(accounts)
    .where(and(eq(accounts.orgId, me.orgId), eq(accounts.kind, "standard"), ne(accounts.id, me.id)))
    .orderBy(asc(accounts.address))
    .limit(1);
  if (!to) throw new Error("no recipient in the delegate's organisation");
  const actor = { ...me, sessionId: "bench-send-cost" };
  const text = "Bonjour,\n\nVoici le point de la semaine : rien de bloquant, livraison prévue mardi.";
  const compose = (i: number) => ({
    from: { mode: "as" as const, address: me.address },
    to: to.address,
    cc: "",
    bcc: "",
    subject: `Point hebdomadaire ${i}`,
    body: text,
    attachments: [],
    keep: [],
  });
  const mime = {
    from: { name: me.displayName, address: me.address },
    to: [{ name: "", address: to.address }],
    subject: "Point hebdomadaire",
    text,
  };
  const raw = await buildMessage(mime);
  // Warm up: the modules' first calls, the pool's connections.
  for (let i = 0; i < 30; i++) await sendMessage(db, actor, compose(i));
  await perCall("buildMessage (MIME)", 300, () => buildMessage(mime));
  await perCall("parseListing (the list's columns)", 300, () => parseListing(raw));
  await perCall("imapColumns (envelope, body structure)", 300, async () => imapColumns(raw));
  await perCall("sendMessage (one local recipient)", Number(values.sends), (i) => sendMessage(db, actor, compose(i)));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
