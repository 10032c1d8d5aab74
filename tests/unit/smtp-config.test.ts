import { describe, expect, it } from "vitest";
import { traceHeaders } from "../../lib/inbound/trace";
import { smtpConfigFromEnv } from "../../servers/smtp/config";
import { transactionLine } from "../../servers/smtp/transaction-log";

describe("SMTP listener configuration", () => {
  it("defaults to 2525, 25 MiB, 127.0.0.1 for the demo and every interface otherwise; off turns it off", () => {
    expect(smtpConfigFromEnv({ MAILROOM_DEMO: "1" })).toMatchObject({
      port: 2525,
      host: "127.0.0.1",
      maxMessageBytes: 25 * 1024 * 1024,
      maxConnectionsPerClient: 20,
      tls: undefined,
    });
    expect(smtpConfigFromEnv({})).toMatchObject({ host: "0.0.0.0" });
    expect(smtpConfigFromEnv({ MAILROOM_SMTP_PORT: "OFF" })).toBeNull();
    expect(smtpConfigFromEnv({ MAILROOM_SMTP_PORT: "25", MAILROOM_SMTP_MAX_SIZE: "10MB" })).toMatchObject({
      port: 25,
      maxMessageBytes: 10_000_000,
    });
  });

  it("refuses settings it cannot use, with a sentence naming the variable", () => {
    expect(() => smtpConfigFromEnv({ MAILROOM_SMTP_PORT: "smtp" })).toThrow(/MAILROOM_SMTP_PORT/);
    expect(() => smtpConfigFromEnv({ MAILROOM_SMTP_MAX_SIZE: "big" })).toThrow(/MAILROOM_SMTP_MAX_SIZE/);
    expect(() => smtpConfigFromEnv({ MAILROOM_TLS_CERT: "/x.pem" })).toThrow(/MAILROOM_TLS_KEY/);
    expect(() => smtpConfigFromEnv({ MAILROOM_TLS_CERT: "/nope.pem", MAILROOM_TLS_KEY: "/nope.key" })).toThrow(
      /cannot read/,
    );
  });
});

describe("trace headers and the log line", () => {
  it("writes Return-Path and Received without letting the client's words break a header", () => {
    const text = traceHeaders({
      sender: "a@b.test",
      helo: "evil\r\nX-Injected: yes",
      clientIp: "192.0.2.1",
      hostname: "mx.test",
      queueId: "ABC",
      tls: true,
      utf8: false,
      recipients: ["support@example.org"],
      date: new Date(Date.UTC(2026, 11, 1, 8, 5, 9)),
    });
    expect(text).toBe(
      "Return-Path: <a@b.test>\r\nReceived: from evilX-Injected:yes ([192.0.2.1])\r\n" +
        "\tby mx.test (Mailroom) with ESMTPS id ABC\r\n\tfor <support@example.org>;\r\n" +
        "\tTue, 1 Dec 2026 08:05:09 +0000\r\n",
    );
    expect(transactionLine({ client: "192.0.2.1", helo: "a b", from: "", result: "250 ok" })).toBe(
      '[smtp] id=- client=192.0.2.1 helo="a b" from=<> to=- size=- ms=- result="250 ok"',
    );
  });
});
