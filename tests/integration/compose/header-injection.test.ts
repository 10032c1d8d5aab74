import { beforeAll, describe, expect, it } from "vitest";
import { composeAction } from "../../../app/mail/compose/actions";
import { messages, type Account } from "../../../db/schema";
import { buildMessage } from "../../../lib/mime/build-message";
import { createOrg, createUser } from "../../support/factories";
import { signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { composeForm, expectFailure, headersOf, parsed } from "./helpers";

const t = useTestDb();

let alice: Account;
let bob: Account;

beforeAll(async () => {
  const org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice" });
  bob = await createUser(t.db, org, { local: "bob" });
});

const ATTEMPTS: [string, Record<string, string>][] = [
  ["a CRLF and a Bcc header in the subject", { subject: "Hello\r\nBcc: victim@evil.example" }],
  ["a bare LF in the subject", { subject: "Hello\nX-Injected: 1" }],
  ["a bare CR in the subject", { subject: "Hello\rX-Injected: 1" }],
  ["a header after an address", { to: "bob@x.test\r\nBcc: victim@evil.example" }],
  ["a line break inside a display name", { to: '"Bob\r\nX-Injected: 1" <bob@x.test>' }],
  ["a line break in Cc", { cc: "a@x.test\nSubject: spoofed" }],
  ["a line break in Bcc", { bcc: "a@x.test\r\n\r\nbody injection" }],
  ["a NUL byte in the subject", { subject: "Hello\u0000world" }],
];

describe("header injection is refused with a field error", () => {
  for (const [name, fields] of ATTEMPTS) {
    it(`refuses ${name}`, async () => {
      signInAs(alice);
      const before = await t.db.select({ id: messages.id }).from(messages);
      const state = expectFailure(
        await composeAction(null, composeForm({ from: `as:${alice.address}`, to: bob.address, body: "x", ...fields })),
      );
      const field = Object.keys(fields)[0]!;
      expect(state.message).toBe("invalid");
      expect(state.fieldErrors?.[field]).toEqual(["controlCharacters"]);
      expect(await t.db.select({ id: messages.id }).from(messages)).toHaveLength(before.length);
    });
  }

  it("refuses a From value that is not one of the picker's", async () => {
    signInAs(alice);
    const state = expectFailure(
      await composeAction(
        null,
        composeForm({ from: `as:${alice.address}\r\nBcc: x@evil.example`, to: bob.address, body: "x" }),
      ),
    );
    expect(state.fieldErrors?.from).toEqual(["sendForbidden"]);
  });
});

describe("the message builder strips line breaks from every header whatever it is given", () => {
  it("writes no injected header from names, subject, addresses, attachment names or custom headers", async () => {
    const raw = await buildMessage({
      from: { name: "Alice\r\nBcc: victim@evil.example", address: "alice@x.test" },
      sender: { name: "Del\nX-Injected: 1", address: "del@x.test" },
      to: [{ name: "Bob\r\nX-Injected: 2", address: "bob@x.test" }],
      cc: [{ name: "", address: "carol@x.test\r\nX-Injected: 3" }],
      subject: "Hi\r\nX-Injected: 4\r\n\r\nbody",
      text: "Body line 1\r\nX-Not-A-Header: fine in the body",
      attachments: [
        { filename: "a\r\nX-Injected: 5.txt", contentType: "text/plain\r\nX-Injected: 6", content: Buffer.from("x") },
      ],
      headers: { "X-Custom\r\nX-Injected": "7\r\nX-Injected: 8" },
      inReplyTo: "<a@x>\r\nX-Injected: 9",
      references: ["<b@x>\r\nX-Injected: 10"],
    });
    const text = raw.toString();
    expect(text).not.toMatch(/^X-Injected:/im);
    expect(text).not.toMatch(/^Bcc:/im);
    const mail = await parsed(raw);
    expect(mail.subject).toBe("Hi X-Injected: 4 body");
    expect(mail.text).toContain("X-Not-A-Header: fine in the body");
    expect(headersOf(raw)).toMatch(/^To: /m);
  });
});
