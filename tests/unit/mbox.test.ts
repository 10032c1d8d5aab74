import { describe, expect, it } from "vitest";
import { decodeModifiedUtf7, maildirFlags } from "../../lib/import/maildir";
import { asctime, fromLineDate, fromLineFor, mboxEntry, NotMboxError, readMbox } from "../../lib/import/mbox";
import { shapeProblem } from "../../lib/import/prepare";

async function* chunked(data: Buffer, size: number) {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function split(data: Buffer | string, size = 7) {
  const out = [];
  for await (const m of readMbox(chunked(Buffer.from(data), size))) out.push(m);
  return out;
}

const FROM = "From a@b.test Mon Jan  6 09:05:00 2025\n";

describe("mbox", () => {
  const messages = [
    Buffer.from("Subject: one\n\nFrom the start\n>From quoted\n>>From twice\n\nFrom here on, prose\nend\n"),
    Buffer.from("Subject: two\r\n\r\nCRLF body\r\n\r\n"),
    Buffer.from("Subject: three\n\nlast\n"),
  ];
  const file = Buffer.concat(
    messages.map((m) => mboxEntry(m, fromLineFor("a@b.test", new Date("2025-01-06T09:05:00Z")))),
  );

  it("quotes From lines on writing and gives back the same bytes on reading, whatever the chunking", async () => {
    expect(file.toString()).toContain("\n>From the start\n>>From quoted\n>>>From twice\n");
    for (const size of [1, 2, 5, 64, 1 << 20]) {
      const read = await split(file, size);
      expect(read.map((m) => m.raw)).toEqual(messages);
      expect(read.map((m) => m.index)).toEqual([1, 2, 3]);
      expect(read[0]!.fromLine).toBe("From a@b.test Mon Jan  6 09:05:00 2025");
      expect(read[1]!.offset).toBe(file.indexOf("From a@b.test", 1));
    }
  });

  it("splits only on From_ lines after a blank line that look like From_ lines", async () => {
    const read = await split(
      `${FROM}Subject: x\n\nbody\nFrom someone, not a separator\n\nFrom me to you, no date either\n\n${FROM}Subject: ` +
        `y\n\nz\n`,
    );
    expect(read).toHaveLength(2);
    expect(read[0]!.raw.toString()).toBe(
      "Subject: x\n\nbody\nFrom someone, not a separator\n\nFrom me to you, no date either\n",
    );
  });

  it("refuses what is not an mbox, and reads an empty file as no message", async () => {
    await expect(split("Subject: not mbox\n\nhi\n")).rejects.toBeInstanceOf(NotMboxError);
    expect(await split("")).toEqual([]);
  });

  it("reads and writes From_ line dates in UTC", () => {
    expect(asctime(new Date("2025-01-06T09:05:00Z"))).toBe("Mon Jan  6 09:05:00 2025");
    expect(fromLineDate("From a@b Mon Jan  6 09:05:00 2025")?.toISOString()).toBe("2025-01-06T09:05:00.000Z");
    expect(fromLineDate("From - Tue Feb 11 23:01:02 +0100 2020")?.toISOString()).toBe("2020-02-11T23:01:02.000Z");
    expect(fromLineDate("From nobody")).toBeUndefined();
    expect(fromLineFor("", new Date(0))).toBe("From MAILER-DAEMON Thu Jan  1 00:00:00 1970");
  });
});

describe("Maildir names and flags", () => {
  it("decodes modified UTF-7 folder names", () => {
    expect(decodeModifiedUtf7("Envoy&AOk-s")).toBe("Envoyés");
    expect(decodeModifiedUtf7("&AMk-l&AOk-ments supprim&AOk-s")).toBe("Éléments supprimés");
    expect(decodeModifiedUtf7("R&AOk-sum&AOk- &- notes")).toBe("Résumé & notes");
    expect(decodeModifiedUtf7("Plain")).toBe("Plain");
  });

  it("reads the info flags", () => {
    expect(maildirFlags("1700000000.M1P1.host:2,FRS")).toEqual({
      seen: true,
      flagged: true,
      answered: true,
      isDraft: false,
    });
    expect(maildirFlags("1700000000.M1P1.host;2,D")).toEqual({
      seen: false,
      flagged: false,
      answered: false,
      isDraft: true,
    });
    expect(maildirFlags("1700000000.M1P1.host")).toEqual({
      seen: false,
      flagged: false,
      answered: false,
      isDraft: false,
    });
  });
});

describe("what is a mail message", () => {
  it("tells why some bytes are not one", () => {
    expect(shapeProblem(Buffer.from(""))).toBe("empty file");
    expect(shapeProblem(Buffer.from("hello world\n"))).toMatch(/does not start with a header line/);
    expect(shapeProblem(Buffer.from(FROM))).toMatch(/--format mbox/);
    expect(shapeProblem(Buffer.from("Subject: a\0b\n\nbody"))).toMatch(/binary data in its header/);
    expect(shapeProblem(Buffer.from("Subject: ok\n\nbody with \0 is fine"))).toBeNull();
    expect(shapeProblem(Buffer.from("X-Mailer:x\r\nSubject: ok\r\n\r\nbody"))).toBeNull();
  });
});
