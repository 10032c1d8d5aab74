import { expect, test } from "@playwright/test";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { ComposePage } from "./support/compose-page";
import { messageIdInList, signedIn } from "./support/mail-session";

const GUIDE = "guide@example.org";
const SUBJECT = "Facture n° 2026-1142";
const CUSTOMER = "julie.dubois@client-exemple.fr";
/** The far end: the server under test sends every domain's mail here (MAILROOM_MX_HOST / _PORT, playwright.config). */
const FAR_END_PORT = Number(process.env.E2E_FAR_END_PORT || 1687);

test("a reply to an outside customer reaches the far end, signed, and the Sent copy says delivered", async ({
  browser,
}) => {
  const received: { recipients: string[]; raw: string }[] = [];
  const farEnd = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          recipients: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback(null, "2.0.0 Ok: queued");
      });
    },
  });
  await new Promise<void>((resolve) => farEnd.listen(FAR_END_PORT, "127.0.0.1", resolve));
  try {
    const guide = await signedIn(browser, GUIDE);
    await guide.goto(`/mail/${encodeURIComponent(GUIDE)}/inbox?q=${encodeURIComponent("2026-1142")}`);
    const original = guide.locator("#message-rows").getByRole("link").filter({ hasText: SUBJECT }).first();
    await expect(original).toBeVisible();
    const originalId = ((await original.getAttribute("href")) ?? "").split("?")[0]!.split("/").pop()!;
    await guide.goto(`/mail/compose?mailbox=${encodeURIComponent(GUIDE)}&reply=${originalId}`);
    const reply = new ComposePage(guide);
    await reply.ready();
    await expect(reply.to()).toHaveValue(new RegExp(CUSTOMER.replace(/\./g, "\\.")));
    await reply.writeAbove("Bonjour Julie,\nLa voici.\nGuide");
    await guide.getByRole("button", { name: "Send" }).click();
    await reply.expectSent();

    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    expect(received[0]!.recipients).toEqual([CUSTOMER]);
    expect(received[0]!.raw).toMatch(/^DKIM-Signature: .*d=example\.org/m);
    expect((await simpleParser(received[0]!.raw)).subject).toBe(`Re: ${SUBJECT}`);

    const sentId = await messageIdInList(guide, GUIDE, "sent", `Re: ${SUBJECT}`);
    expect(sentId).toMatch(/^[0-9a-f-]{36}$/);
    const states = guide.getByTestId("delivery-states");
    await expect
      .poll(
        async () => {
          await guide.goto(`/mail/${encodeURIComponent(GUIDE)}/sent/${sentId}`);
          return states.locator("li").first().getAttribute("data-state");
        },
        { timeout: 30_000 },
      )
      .toBe("delivered");
    await expect(states).toContainText(`${CUSTOMER} — delivered`);
  } finally {
    await new Promise<void>((resolve) => farEnd.close(() => resolve()));
  }
});

test("the admin's outbound page: DNS records with their check, a DKIM key, the hourly limit; not for staff", async ({
  browser,
}) => {
  const admin = await signedIn(browser, "admin@example.org");
  await admin.goto("/admin/outbound");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Mail to the world");
  const domain = admin.getByTestId("dns-example.org");
  await expect(domain.getByRole("cell", { name: "_dmarc.example.org" })).toBeVisible();
  // whatever DNS answers here (or not), each record has a check, never an error page
  await expect(domain.locator("td[data-check]")).toHaveCount(4);
  await domain.getByRole("button", { name: /DKIM key/ }).click();
  await expect(admin.getByRole("status").filter({ hasText: "A new DKIM key is made" })).toBeVisible();
  await expect(admin.getByTestId("dns-example.org").getByText(/^v=DKIM1; k=rsa; p=/)).toBeVisible();
  await admin.getByLabel("Outside recipients per mailbox per hour").fill("250");
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "The hourly limit is saved." })).toBeVisible();
  await expect(admin.getByLabel("Outside recipients per mailbox per hour")).toHaveValue("250");

  const guide = await signedIn(browser, GUIDE);
  const response = await guide.goto("/admin/outbound");
  expect(response?.status()).toBe(404);
});
