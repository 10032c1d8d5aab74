import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, CONFIGURATION, GUIDE, signIn } from "./support/accounts";
import { ComposePage } from "./support/compose-page";

/** Records every CSP violation the page reports (set before any script of the page runs). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCsp", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB" });
  return context.newPage();
}

test("the pages work under the CSP (login, mail, reading pane, compose, sessions, admin): no violation", async ({
  browser,
}) => {
  const page = await newPage(browser);
  const violations = await watchCsp(page);
  const response = await page.goto("/login");
  expect(response!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response!.headers()["x-frame-options"]).toBe("DENY");
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  await signIn(page, CONFIGURATION);
  // Client-side JavaScript runs: the address-book suggestions of compose answer typing.
  const compose = new ComposePage(page);
  await compose.open();
  await compose.pickRecipient("gui", /Guide Dupont/);
  await page.goto("/mail/sessions");
  await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
  await page.goto(`/mail/${encodeURIComponent("support@example.org")}/inbox`);
  const first = page.locator("#message-rows").getByRole("link").first();
  await first.click();
  await expect(page.getByRole("article")).toBeVisible();

  const admin = await newPage(browser);
  const adminViolations = await watchCsp(admin);
  await signIn(admin, ADMIN);
  for (const path of ["/admin", "/admin/users", "/admin/audit", "/admin/shared/new"]) {
    const answer = await admin.goto(path);
    expect(answer!.status(), path).toBe(200);
  }
  expect(violations).toEqual([]);
  expect(adminViolations).toEqual([]);
});

test("a page of another origin cannot frame the admin area (a click there cannot suspend a user)", async ({
  browser,
  baseURL,
}) => {
  const admin = await newPage(browser);
  await signIn(admin, ADMIN);
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: GUIDE }).click();
  const userUrl = admin.url();
  await admin.route("http://attacker.test/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<iframe src="${userUrl}" width="800" height="600"></iframe>` }),
  );
  await admin.goto("http://attacker.test/", { waitUntil: "load" });
  const framed = admin.frames().find((f) => f !== admin.mainFrame());
  expect(framed).toBeDefined();
  // The browser refused to render it: the frame holds an error page, not the admin's.
  await expect.poll(() => framed!.url()).not.toContain(new URL(baseURL!).host);
  expect(await framed!.locator("button", { hasText: /Suspend/ }).count()).toBe(0);
});

test("sign-out ends the session on the server: a copied cookie opens nothing", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, GUIDE);
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext({ locale: "en-GB" });
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto(`/mail/${encodeURIComponent(GUIDE)}/inbox`);
  await expect(stolen).toHaveURL(/\/login/);
  const session = await stolen.request.get("/api/auth/session");
  expect(await session.json()).toBeNull();
});

test("a user ends their other sessions; an admin ends all of a user's sessions", async ({ browser }) => {
  const laptop = await newPage(browser);
  const phone = await newPage(browser);
  await signIn(laptop, GUIDE);
  await signIn(phone, GUIDE);
  await laptop.goto("/mail/sessions");
  await expect(laptop.locator("tr[data-session=other]")).not.toHaveCount(0);
  await laptop.getByRole("button", { name: "End all other sessions" }).click();
  await expect(laptop.getByRole("status").filter({ hasText: /session(s)? (was|were) ended/ })).toBeVisible();
  await expect(laptop.locator("tr[data-session=other]")).toHaveCount(0);
  await phone.goto("/mail");
  await expect(phone).toHaveURL(/\/login/);

  const admin = await newPage(browser);
  await signIn(admin, ADMIN);
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: GUIDE }).click();
  await admin.getByRole("button", { name: "End all sessions" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "1 session was ended." })).toBeVisible();
  await laptop.goto("/mail");
  await expect(laptop).toHaveURL(/\/login/);
});

test("a malformed escape in the address is a 404, not a 500", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, GUIDE);
  const answer = await page.goto("/mail/%E0%A4%A/inbox");
  expect(answer!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a server action replayed without Origin, or from another origin with X-Forwarded-Host, is refused", async ({
  browser,
}) => {
  const page = await newPage(browser);
  await signIn(page, GUIDE);
  const bare = await page.request.post("/mail/compose", { headers: { "Next-Action": "0".repeat(42) }, data: "[]" });
  expect(bare.status()).toBe(403);
  const forged = await page.request.post("/mail/compose", {
    headers: { "Next-Action": "0".repeat(42), Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" },
    data: "[]",
  });
  expect(forged.status()).toBe(403);
});

test("an attachment between 10 and 20 MB is sent (one body limit end to end)", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPage(browser);
  await signIn(page, CONFIGURATION);
  const compose = new ComposePage(page);
  await compose.open();
  await compose.to().fill(GUIDE);
  await compose.subject().fill("Fifteen megabytes");
  await compose.write("The scan is attached.");
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(15 * 1024 * 1024, 7) });
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("sent-notice")).toContainText("Message sent", { timeout: 90_000 });
});
