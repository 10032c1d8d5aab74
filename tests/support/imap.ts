import { ImapFlow } from "imapflow";
import type { DbHandle } from "../../db/client";
import { createImapServer, type ImapServer } from "../../servers/imap/imap-server";
import { TEST_PASSWORD } from "./factories";

export type RunningImap = { server: ImapServer; port: number; close: () => Promise<void> };

/** The IMAP listener on an ephemeral port, on the test database. */
export async function startImap(handle: DbHandle): Promise<RunningImap> {
  const server = await createImapServer({ handle });
  const address = await server.listen(0, "127.0.0.1");
  return { server, port: address.port, close: () => server.close() };
}

/** A signed-in imapflow client (a real IMAP client library). */
export async function imapClient(port: number, user: string, pass = TEST_PASSWORD): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: "127.0.0.1",
    port,
    secure: false,
    auth: { user, pass },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  return client;
}
