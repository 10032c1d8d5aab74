import { ImapFlow } from "imapflow";
import type { DbHandle } from "../../db/client";
import { createImapServer, type ImapServer, type ImapServerOptions } from "../../servers/imap/imap-server";
import { TEST_PASSWORD } from "./factories";

export type RunningImap = { server: ImapServer; port: number; close: () => Promise<void> };

/** The IMAP listener on an ephemeral port, on the test database. */
export async function startImap(
  handle: DbHandle,
  options: Omit<ImapServerOptions, "handle"> = {},
): Promise<RunningImap> {
  const server = await createImapServer({ handle, ...options });
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

/** A raw IMAP conversation: sends each command (tagged A1, A2, …) and returns all read until its tagged reply. */
export async function rawImap(port: number, commands: string[]): Promise<string[]> {
  const net = await import("node:net");
  const socket = net.connect(port, "127.0.0.1");
  socket.setEncoding("utf8");
  let buffer = "";
  const waiters: (() => void)[] = [];
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    waiters.splice(0).forEach((w) => w());
  });
  const until = async (done: (text: string) => boolean) => {
    while (!done(buffer)) await new Promise<void>((resolve) => waiters.push(resolve));
    const text = buffer;
    buffer = "";
    return text;
  };
  await until((b) => b.includes("\r\n"));
  const replies: string[] = [];
  for (const [i, command] of commands.entries()) {
    const tag = `A${i + 1}`;
    socket.write(`${tag} ${command}\r\n`);
    replies.push(await until((b) => new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)`).test(b)));
  }
  socket.destroy();
  return replies;
}
