/**
 * A queue worker as its own process, for the kill test: PostgreSQL from DATABASE_URL, MX hosts
 * from a stub resolver (every domain at 127.0.0.1, port MAILROOM_MX_PORT), configuration from the
 * environment. Prints "ready <pid>" once running (tsx runs it under a wrapper process: the pid is the
worker's own); stops cleanly on SIGTERM.
 */
import { createDb } from "../../db/client";
import { startOutboundWorker } from "../../lib/outbound/worker";

const handle = createDb({ url: process.env.DATABASE_URL, max: 2 });
const worker = startOutboundWorker(handle.db, {
  resolver: {
    resolveMx: async (domain) => [{ exchange: `mx.${domain}`, priority: 10 }],
    resolve4: async () => ["127.0.0.1"],
    resolve6: async () => [],
  },
});
process.stdout.write(`ready ${process.pid}\n`);
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
