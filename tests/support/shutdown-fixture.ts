// A server process for tests/integration/shutdown.test.ts: an HTTP server with a slow route, a
// registered listener, and the embedded database on a data directory (argv[2]).
import http from "node:http";
import { sql } from "drizzle-orm";
import type { AddressInfo } from "node:net";
import { installClientAddress } from "../../scripts/client-address.mjs";
import { createDb, setAppDb } from "../../db/client";
import { installShutdownHandlers, onShutdown } from "../../lib/runtime/shutdown";

installClientAddress({});
const handle = createDb({ dataDir: process.argv[2] });
setAppDb(handle);
await handle.db.execute(sql`select 1`);
const server = http.createServer((req, res) => {
  if (req.url === "/slow") setTimeout(() => res.end("finished"), 1500);
  else res.end("ok");
});
onShutdown("listener", async () => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  console.log("listener closed");
});
installShutdownHandlers();
server.listen(0, "127.0.0.1", () => console.log(`ready ${(server.address() as AddressInfo).port}`));
