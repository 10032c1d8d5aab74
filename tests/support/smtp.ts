import net from "node:net";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { Db } from "../../db/client";
import type { DNSResolver } from "../../lib/inbound/authenticate";
import { createMxServer, type MxOptions, type MxServer } from "../../servers/smtp/mx-server";

/** A DNS resolver that knows only `records` (name → rrtype → answers) and says ENOTFOUND for the rest. */
export function stubResolver(records: Record<string, Record<string, string[][] | string[]>> = {}): DNSResolver {
  return async (name: string, rrtype: string) => {
    const answer = records[name.toLowerCase()]?.[rrtype.toUpperCase()];
    if (answer) return answer;
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
  };
}

export type RunningMx = { port: number; logs: string[]; mx: MxServer; close: () => Promise<void> };

/** The MX listener on an ephemeral port of 127.0.0.1, offline (stub DNS, no reverse look-up). */
export async function startMx(db: Db, options: Partial<MxOptions> = {}): Promise<RunningMx> {
  const logs: string[] = [];
  const mx = createMxServer({
    db,
    hostname: "mx.mailroom.test",
    resolver: stubResolver(),
    reverseLookup: false,
    log: (line) => logs.push(line),
    ...options,
  });
  const address = await mx.listen(0, "127.0.0.1");
  return { port: address.port, logs, mx, close: () => mx.close(2_000) };
}

export type SendResult =
  | { ok: true; response: string; accepted: string[]; rejected: string[] }
  | { ok: false; response: string; code?: number };

/** Sends a raw message with nodemailer's SMTP transport; the server's answer either way. */
export async function smtpSend(
  port: number,
  envelope: { from: string; to: string[] },
  raw: string | Buffer,
): Promise<SendResult> {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    socketTimeout: 60_000,
  } as SMTPTransport.Options);
  try {
    const info = await transport.sendMail({ envelope, raw });
    return {
      ok: true,
      response: info.response,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
    };
  } catch (error) {
    const e = error as { response?: string; responseCode?: number; message: string };
    return { ok: false, response: e.response ?? e.message, code: e.responseCode };
  } finally {
    transport.close();
  }
}

/** A small real message (CRLF line ends). */
export function rawMessage(
  options: { from?: string; to?: string; subject?: string; body?: string; extra?: string } = {},
) {
  return [
    `From: ${options.from ?? "Customer <customer@elsewhere.test>"}`,
    `To: ${options.to ?? "support@example.org"}`,
    `Subject: ${options.subject ?? "Hello"}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@elsewhere.test>`,
    "Date: Tue, 01 Dec 2026 00:00:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    ...(options.extra ? [options.extra] : []),
    "",
    options.body ?? "Hello there.",
    "",
  ].join("\r\n");
}

/** A raw SMTP client for what nodemailer will not do: pipelining by hand, leaving mid-DATA, odd bytes. */
export async function rawSession(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let buffer = "";
  const waiters: (() => void)[] = [];
  socket.on("data", (chunk) => {
    buffer += chunk.toString("latin1");
    waiters.splice(0).forEach((w) => w());
  });
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  /** Waits for `count` complete replies (multi-line replies count once) and returns them. */
  const replies = async (count: number, timeoutMs = 20_000): Promise<string[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = buffer.split("\r\n");
      const done: string[] = [];
      let used = 0;
      let block: string[] = [];
      for (let i = 0; i < lines.length - 1 && done.length < count; i++) {
        used += lines[i]!.length + 2;
        block.push(lines[i]!);
        // A multi-line reply ("250-…" lines, then "250 …") counts once, its last line first.
        if (/^\d{3} /.test(lines[i]!)) {
          done.push([lines[i]!, ...block.slice(0, -1)].join("\n"));
          block = [];
        }
      }
      if (done.length >= count) {
        buffer = buffer.slice(used);
        return done;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} replies; got: ${buffer}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  await replies(1); // greeting
  return {
    write: (data: string | Buffer) => socket.write(data),
    replies,
    destroy: () => socket.destroy(),
    closed,
  };
}
