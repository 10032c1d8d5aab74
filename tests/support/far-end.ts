import type { Socket } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import type { Resolver } from "../../lib/outbound/route";

/** What the far end does with a recipient: accept, refuse for now, refuse for good, or drop the line. */
export type Behaviour = "accept" | "defer" | "refuse" | "hangup";

export type Received = { mailFrom: string; recipients: string[]; raw: Buffer; secure: boolean; user?: string };

export type FarEnd = {
  port: number;
  received: Received[];
  connections: number;
  /** By recipient address (default: accept); "hangup" at DATA drops the line before answering. */
  behaviour: Map<string, Behaviour>;
  /** Called when the end of DATA arrives, before any answer (the kill test waits here). */
  onData?: () => Promise<void> | void;
  close(): Promise<void>;
};

/**
 * A far-end SMTP server run by the test itself (smtp-server), on an ephemeral port: it answers
 * 250, 451 4.x, 550 5.x or hangs up, per recipient, and keeps what it accepted.
 */
export async function startFarEnd(options: { auth?: { user: string; pass: string } } = {}): Promise<FarEnd> {
  const sockets = new Set<Socket>();
  const far: FarEnd = {
    port: 0,
    received: [],
    connections: 0,
    behaviour: new Map(),
    close: async () => {},
  };
  const serverOptions: SMTPServerOptions = {
    logger: false,
    disabledCommands: options.auth ? [] : ["AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        return callback(null, { user: auth.username });
      }
      return callback(Object.assign(new Error("535 5.7.8 Authentication failed"), { responseCode: 535 }));
    },
    onConnect(_session, callback) {
      far.connections++;
      callback();
    },
    onRcptTo(address, _session, callback) {
      const b = far.behaviour.get(address.address.toLowerCase()) ?? "accept";
      if (b === "defer") {
        return callback(Object.assign(new Error("4.2.1 Mailbox busy, try later"), { responseCode: 451 }));
      }
      if (b === "refuse") {
        return callback(Object.assign(new Error("5.1.1 No such user here"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        await far.onData?.();
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        if (recipients.some((r) => far.behaviour.get(r) === "hangup")) {
          for (const socket of sockets) socket.destroy();
          return;
        }
        far.received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          recipients,
          raw: Buffer.concat(chunks),
          secure: session.secure,
          user: session.user as string | undefined,
        });
        callback(null, "2.0.0 Ok: queued as far-end");
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on("error", () => {});
  server.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  far.port = (server.server.address() as { port: number }).port;
  far.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return far;
}

/** DNS for the tests: every domain's MX is mx.<domain> at 127.0.0.1; TXT records from the map. */
export function stubResolver(txt: Map<string, string> = new Map()): Resolver & {
  mailauth: (name: string, type: string) => Promise<string[][]>;
} {
  return {
    resolveMx: async (domain) => [{ exchange: `mx.${domain}`, priority: 10 }],
    resolve4: async () => ["127.0.0.1"],
    resolve6: async () => [],
    mailauth: async (name, type) => {
      const value = type === "TXT" ? txt.get(name.toLowerCase()) : undefined;
      if (value === undefined) throw Object.assign(new Error(`no ${type} for ${name}`), { code: "ENOTFOUND" });
      return [[value]];
    },
  };
}
