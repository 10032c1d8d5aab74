import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildCorpus } from "@/scripts/bench/corpus";
import { Scanner } from "@/scripts/bench/db-time";
import { derive } from "@/scripts/bench/derive";
import { percentile } from "@/scripts/bench/load";
import { BIG, plannedAccounts, plannedSlots, SIZES } from "@/scripts/bench/plan";
import { renderReport } from "@/scripts/bench/report";
import type { SizeResult } from "@/scripts/bench/results";
import { fillCompose, readActionForm } from "@/scripts/bench/send";

describe("benchmark corpus", () => {
  it("derives real MIME: new headers, the template's body and attachments kept", async () => {
    const templates = await buildCorpus(40);
    const template = templates.find((t) => t.hasAttachments)!;
    expect(template).toBeDefined();
    const date = new Date("2025-03-04T05:06:07Z");
    const { raw, headText } = derive(template, {
      from: { name: "Élodie Müller", address: "elodie@fournisseur.fr" },
      to: { name: "Service client", address: "service-client@bench.example.org" },
      subject: "Re: Facture n° 12345 — relance",
      messageId: "<abc@fournisseur.fr>",
      date,
    });
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value[0]).toMatchObject({ name: "Élodie Müller", address: "elodie@fournisseur.fr" });
    expect(parsed.subject).toBe("Re: Facture n° 12345 — relance");
    expect(parsed.messageId).toBe("<abc@fournisseur.fr>");
    expect(parsed.date?.toISOString()).toBe(date.toISOString());
    expect(parsed.attachments.length).toBe(1);
    expect((parsed.text ?? "").replace(/\s+/g, " ").trim().slice(0, 200)).toBe(template.snippet);
    expect(headText).toContain("service-client@bench.example.org");
    expect(raw.toString("latin1")).not.toMatch(/[^\x00-\x7f]/);
  });

  it("plans exactly the size's messages, the big Inbox holding its share", () => {
    for (const size of Object.values(SIZES)) {
      const slots = plannedSlots(size, plannedAccounts());
      expect(slots.reduce((n, s) => n + s.count, 0)).toBe(size.total);
      expect(
        slots.filter((s) => s.accountKey === BIG.key && s.folder === "inbox").reduce((n, s) => n + s.count, 0),
      ).toBe(size.sharedInbox);
    }
    expect(plannedAccounts().filter((a) => a.kind === "standard")).toHaveLength(1000);
  });
});

describe("benchmark driver", () => {
  it("counts protocol messages whatever the chunking", () => {
    const msg = (type: string, payload: number) => {
      const b = Buffer.alloc(5 + payload);
      b.write(type, 0, "latin1");
      b.writeInt32BE(4 + payload, 1);
      return b;
    };
    const startup = Buffer.alloc(12);
    startup.writeInt32BE(12, 0);
    const stream = Buffer.concat([
      startup,
      msg("P", 30),
      msg("B", 12),
      msg("E", 4),
      msg("S", 0),
      msg("Q", 9),
      msg("S", 0),
    ]);
    for (const size of [1, 3, 7, stream.length]) {
      const types: string[] = [];
      const scanner = new Scanner(true);
      for (let i = 0; i < stream.length; i += size)
        scanner.feed(stream.subarray(i, i + size), (t) => types.push(String.fromCharCode(t)));
      expect(types.join("")).toBe("PBESQS");
    }
  });

  it("replays a server-action form with its hidden fields, filled", () => {
    const html =
      `<form action="" method="POST" enctype="multipart/form-data"><input type="hidden" ` +
      `name="$ACTION_ID_ab12"><button>Sign out</button></form>
      <form action="" method="POST" enctype="multipart/form-data">
      <input type="hidden" name="$ACTION_REF_1"><input type="hidden" name="$ACTION_1:0" ` +
      `value="{&quot;id&quot;:&quot;7f00&quot;}">
      <input type="hidden" name="$ACTION_KEY" value="k1">
      <select name="from"><option value="a@x">a</option><option value="b@x" selected>b</option></select>
      <input name="to" value=""><input name="subject"><textarea name="body"></textarea></form>`;
    const form = readActionForm(html, "http://127.0.0.1:3800/mail/compose", '[name="subject"]')!;
    expect(form.action).toBe("/mail/compose");
    const data = fillCompose(form, { to: "user0001@bench.example.org", subject: "S", body: "B" });
    if (typeof data === "string") throw new Error(data);
    expect(Object.fromEntries(data.entries())).toEqual({
      $ACTION_REF_1: "",
      "$ACTION_1:0": '{"id":"7f00"}',
      $ACTION_KEY: "k1",
      from: "b@x",
      to: "user0001@bench.example.org",
      subject: "S",
      body: "B",
    });
    expect(fillCompose({ action: "/", fields: [["subject", ""]] }, { to: "x", subject: "s", body: "b" })).toMatch(
      /no to, body/,
    );
  });

  it("takes exact percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)]).toEqual([50, 95, 99]);
  });
});

describe("benchmark report", () => {
  const run = (connections: number, p50: number, p95: number, rps: number) => ({
    connections,
    seconds: 10,
    requests: rps * 10,
    rps,
    p50,
    p95,
    p99: p95,
    badStatus: 0,
    errors: 0,
    statuses: { 200: rps * 10 },
  });
  const result = (size: string, p50: number): SizeResult => ({
    size,
    driver: "postgres",
    date: "2026-11-26T21:00:00.000Z",
    machine: { cpus: 2, cpuModel: "AMD EPYC", memoryGiB: 23.5, node: "v20.20.2", database: "PostgreSQL 15" },
    loadAverageAtStart: [1, 1, 1],
    totalMessages: 10_000,
    sharedInbox: 1_000,
    seed: null,
    peakRssBytes: 300 * 1024 ** 2,
    dbTimeMethod: "wire proxy",
    scenarios: [
      { key: "folder", title: "folder page", available: true, runs: [run(1, p50, 30, 80), run(10, 60, 90, 160)] },
      { key: "send", title: "send", available: false, reason: "GET /mail/compose answers 404", runs: [] },
    ],
  });

  it("judges the targets on the largest size, growth against 10 k, and keeps the notes", () => {
    const previous = "…\n<!-- notes: kept when the benchmark rewrites this file -->\nMy analysis.\n<!-- /notes -->\n";
    const text = renderReport([result("10k", 10), result("100k", 15)], [], previous);
    expect(text).toContain("## Targets — on 100 k messages (PostgreSQL)");
    expect(text).toMatch(/\| folder page, concurrency 1 \| .* \| p50 15 ms, p95 30 ms \| met \|/);
    expect(text).toMatch(/growth 10 k → 100 k: folder page \(c1\) \| p50 ratio ≤ 1.3 \| 1.50 \| \*\*missed\*\*/);
    expect(text).toMatch(/send to one local recipient, c10 \| ≥ 100 messages\/s \| not measured \| – \|/);
    expect(text).toContain("Not measured on this build: send (GET /mail/compose answers 404).");
    expect(text).toContain("My analysis.");
  });
});
