import { expect, test } from "@playwright/test";
import { ComposePage } from "./support/compose-page";
import { rawMessage } from "./support/db-snapshot";
import { messageIdInList, messageLink, signedIn } from "./support/mail-session";

const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";

/** The header block of a raw message, with folded lines joined. */
const headers = (raw: string) => raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(headers(raw))?.[1]?.trim();

test("guide@ writes to configuration@, who replies; guide@ gets the reply, threaded", async ({ browser }) => {
  const subject = `Planning de la semaine ${Date.now()}`;

  // guide@ writes, picking configuration@ from the address book, and sends with Ctrl+Enter
  const guide = await signedIn(browser, GUIDE);
  const write = new ComposePage(guide);
  await write.open();
  await expect(guide.getByRole("heading", { level: 1 })).toHaveText("New message");
  await write.pickRecipient("Camille", /Camille Configuration/);
  await expect(write.to()).toHaveValue(/Camille Configuration <configuration@example\.org>/);
  await write.subject().fill(subject);
  await write.write("Bonjour Camille,\nOn se voit jeudi ?\nGuide");
  await write.body().press("Control+Enter");
  await write.expectSent();

  // configuration@ finds it in the Inbox and follows it from the list
  const configuration = await signedIn(browser, CONFIGURATION);
  const originalId = await messageIdInList(configuration, CONFIGURATION, "inbox", subject);
  await messageLink(configuration, subject).click();
  await configuration.waitForURL(new RegExp(`/inbox/${originalId}$`));
  const replyLink = configuration.getByRole("link", { name: "Reply", exact: true });
  if ((await replyLink.count()) > 0) await replyLink.first().click();
  else await configuration.goto(`/mail/compose?mailbox=${encodeURIComponent(CONFIGURATION)}&reply=${originalId}`);

  // the reply starts addressed to guide@, with "Re:" and the original quoted
  const reply = new ComposePage(configuration);
  await expect(configuration.getByRole("heading", { level: 1 })).toHaveText("Reply");
  await reply.ready();
  await expect(reply.to()).toHaveValue("Guide Dupont <guide@example.org>");
  await expect(reply.subject()).toHaveValue(`Re: ${subject}`);
  await expect(reply.body().locator("blockquote")).toContainText("On se voit jeudi ?");
  await expect(reply.from()).toHaveValue(`as:${CONFIGURATION}`);
  await reply.writeAbove("Oui, jeudi 10 h.\nCamille");
  await configuration.getByRole("button", { name: "Send" }).click();
  await reply.expectSent();

  // guide@ sees "Re: …" in the Inbox
  await messageIdInList(guide, GUIDE, "inbox", `Re: ${subject}`);

  // …and its thread headers point at the original
  const original = await rawMessage(GUIDE, "sent", subject);
  const answer = await rawMessage(GUIDE, "inbox", `Re: ${subject}`);
  const originalId822 = header(original, "Message-ID");
  expect(originalId822).toMatch(/^<[^>]+@example\.org>$/);
  expect(header(answer, "In-Reply-To")).toBe(originalId822);
  expect(header(answer, "References")).toBe(originalId822);
  expect(header(answer, "From")).toBe("Camille Configuration <configuration@example.org>");
  expect(header(answer, "Sender")).toBeUndefined();
  // the reply is rich text: the original quoted in a blockquote of its HTML, and "> " in its text
  expect(answer).toMatch(/Content-Type: multipart\/alternative/i);
  expect(answer).toMatch(/<blockquote>/);
  expect(answer).toMatch(/^> .*On se voit jeudi \?/m);
});
