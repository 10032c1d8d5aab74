import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createFolderAction,
  deleteFolderAction,
  emptyFolderAction,
  messagesAction,
  moveFolderAction,
  renameFolderAction,
} from "../../app/mail/[address]/actions";
import { GET as getAttachment } from "../../app/mail/[address]/[folder]/[list]/[messageId]/attachments/[index]/route";
import { GET as getBody } from "../../app/mail/[address]/[folder]/[list]/[messageId]/body/route";
import { GET as getRaw } from "../../app/mail/[address]/[folder]/[list]/[messageId]/raw/route";
import { folders, messages, type Account } from "../../db/schema";
import type { Actor } from "../../lib/auth/actor";
import { loadMailView } from "../../lib/mailboxes/mail-view";
import { createFolder, deleteFolder, moveFolder, renameFolder } from "../../lib/mailboxes/manage-folders";
import { messageAttachment, messageEml, messageFrame } from "../../lib/messages/downloads";
import { pageRequest } from "../../lib/messages/list-messages";
import { deleteMessages, emptyFolder, moveMessages, setFlagged, setSeen } from "../../lib/messages/manage-messages";
import { getMessage, openMessage } from "../../lib/messages/read-message";
import { storeMessage } from "../../lib/messages/store-message";
import { buildMessage } from "../../lib/mime/build-message";
import { parseListing } from "../../lib/mime/parse-listing";
import { chargeQuota } from "../../lib/quota/charge";
import { searchMailbox } from "../../lib/messages/search";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf, signInAs } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * R12 for the webmail: every page loader, action and route refuses a mailbox the actor may not
 * open — a stranger, an admin by role alone, another organisation, and a delegate holding Send As
 * or Send on Behalf alone — with the one answer "not found", and changes nothing. Full Access
 * alone is enough for all of it.
 */
const t = useTestDb();

type Target = { mailbox: Account; messageId: string; folderId: string; userFolderId: string };
let owner: Account;
let shared: Account;
const who: Record<string, Account> = {};
const targets: Record<"own" | "shared", Target> = {} as never;

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

async function prepare(mailbox: Account): Promise<Target> {
  await addMessage(t.db, mailbox, { subject: "Secret", html: "<p>Secret <b>html</b></p>", text: "Secret" });
  const raw = await buildMessage({
    from: { name: "X", address: "x@elsewhere.test" },
    to: [{ name: mailbox.displayName, address: mailbox.address }],
    subject: "With attachment",
    text: "see attached",
    attachments: [{ filename: "report.pdf", contentType: "application/pdf", content: PDF }],
  });
  const inbox = await folderOf(t.db, mailbox, "inbox");
  const stored = await t.db.transaction(async (tx) => {
    await chargeQuota(tx, mailbox.orgId, mailbox.id, raw.length);
    return storeMessage(tx, mailbox.orgId, raw, await parseListing(raw), [
      { accountId: mailbox.id, folderId: inbox.id },
    ]);
  });
  const [folder] = await t.db
    .insert(folders)
    .values({ orgId: mailbox.orgId, accountId: mailbox.id, kind: "user", name: "Private" })
    .returning();
  return { mailbox, messageId: stored.messageIds[0]!, folderId: inbox.id, userFolderId: folder!.id };
}

beforeAll(async () => {
  const org = await createOrg(t.db);
  const otherOrg = await createOrg(t.db);
  owner = await createUser(t.db, org);
  shared = await createShared(t.db, org);
  who.stranger = await createUser(t.db, org);
  who.admin = await createUser(t.db, org, { role: "admin" });
  who.otherOrg = await createUser(t.db, otherOrg);
  who.sendAsOnly = await createUser(t.db, org);
  who.sendOnBehalfOnly = await createUser(t.db, org);
  who.fullAccessOnly = await createUser(t.db, org);
  await delegate(t.db, shared, who.sendAsOnly, { sendAs: true });
  await delegate(t.db, shared, who.sendOnBehalfOnly, { sendOnBehalf: true });
  await delegate(t.db, shared, who.fullAccessOnly, { fullAccess: true });
  targets.own = await prepare(owner);
  targets.shared = await prepare(shared);
});

/** Every read and write of the webmail's lib, against one mailbox. */
function libCalls(actor: Actor, target: Target) {
  const ref = { address: target.mailbox.address };
  const at = { address: target.mailbox.address, folder: "inbox", messageId: target.messageId };
  const ids = [target.messageId];
  return {
    listPage: () => loadMailView(t.db, actor, { address: ref.address, folder: "inbox", query: {} }),
    readingPage: () =>
      loadMailView(t.db, actor, { address: ref.address, folder: "inbox", messageId: target.messageId, query: {} }),
    getMessage: () => getMessage(t.db, actor, ref, target.messageId),
    openMessage: () => openMessage(t.db, actor, ref, target.messageId),
    search: () => searchMailbox(t.db, actor, ref, { query: "secret" }, pageRequest({})),
    searchFolder: () =>
      searchMailbox(t.db, actor, ref, { query: "secret", folderId: target.folderId }, pageRequest({})),
    markRead: () => setSeen(t.db, actor, ref, ids, true),
    flag: () => setFlagged(t.db, actor, ref, ids, true),
    move: () => moveMessages(t.db, actor, ref, ids, target.userFolderId),
    delete: () => deleteMessages(t.db, actor, ref, ids),
    empty: () => emptyFolder(t.db, actor, ref, target.folderId),
    createFolder: () => createFolder(t.db, actor, ref, { name: "Mine now", parentId: null }),
    renameFolder: () => renameFolder(t.db, actor, ref, { folderId: target.userFolderId, name: "Renamed" }),
    moveFolder: () => moveFolder(t.db, actor, ref, { folderId: target.userFolderId, parentId: target.folderId }),
    deleteFolder: () => deleteFolder(t.db, actor, ref, { folderId: target.userFolderId }),
    frame: () => messageFrame(t.db, actor, at, { allowRemoteImages: false }),
    attachment: () => messageAttachment(t.db, actor, at, 0),
    eml: () => messageEml(t.db, actor, at),
  };
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

function actionCalls(target: Target) {
  const mailbox = target.mailbox.address;
  const ids = [target.messageId];
  return {
    read: () => messagesAction(null, form({ mailbox, op: "read", "ids[]": ids })),
    unread: () => messagesAction(null, form({ mailbox, op: "unread", "ids[]": ids })),
    flag: () => messagesAction(null, form({ mailbox, op: "flag", "ids[]": ids })),
    move: () => messagesAction(null, form({ mailbox, op: "move", target: target.userFolderId, "ids[]": ids })),
    delete: () => messagesAction(null, form({ mailbox, op: "delete", "ids[]": ids })),
    empty: () => emptyFolderAction(null, form({ mailbox, folderId: target.folderId })),
    createFolder: () => createFolderAction(null, form({ mailbox, name: "Mine now", parentId: "" })),
    renameFolder: () => renameFolderAction(null, form({ mailbox, folderId: target.userFolderId, name: "Renamed" })),
    moveFolder: () =>
      moveFolderAction(null, form({ mailbox, folderId: target.userFolderId, parentId: target.folderId })),
    deleteFolder: () => deleteFolderAction(null, form({ mailbox, folderId: target.userFolderId })),
  };
}

function routeCalls(target: Target) {
  const params = { address: encodeURIComponent(target.mailbox.address), folder: "inbox", messageId: target.messageId };
  const url = `http://localhost/mail/${params.address}/inbox/${target.messageId}`;
  return {
    body: () => getBody(new NextRequest(`${url}/body`), { params: Promise.resolve(params) }),
    attachment: () =>
      getAttachment(new Request(`${url}/attachments/0`), { params: Promise.resolve({ ...params, index: "0" }) }),
    raw: () => getRaw(new Request(`${url}/raw`), { params: Promise.resolve(params) }),
  };
}

async function snapshot(target: Target) {
  const rows = await t.db.select().from(messages).where(eq(messages.accountId, target.mailbox.id)).orderBy(messages.id);
  const fs = await t.db.select().from(folders).where(eq(folders.accountId, target.mailbox.id)).orderBy(folders.id);
  return JSON.stringify({ rows: rows.map((r) => ({ ...r, searchVector: null })), fs });
}

const refusals: Array<[string, "own" | "shared"]> = [
  ["stranger", "own"],
  ["admin", "own"],
  ["otherOrg", "own"],
  ["stranger", "shared"],
  ["admin", "shared"],
  ["otherOrg", "shared"],
  ["sendAsOnly", "shared"],
  ["sendOnBehalfOnly", "shared"],
];

describe("refused: not found, and nothing changes", () => {
  for (const [name, which] of refusals) {
    it(`${name} on the ${which} mailbox: every lib read and write`, async () => {
      const target = targets[which];
      const before = await snapshot(target);
      for (const [call, run] of Object.entries(libCalls(actorOf(who[name]!), target))) {
        await expect(run(), call).rejects.toMatchObject({ code: "notFound" });
      }
      expect(await snapshot(target)).toBe(before);
    });

    it(`${name} on the ${which} mailbox: every action and route`, async () => {
      const target = targets[which];
      const before = await snapshot(target);
      signInAs(who[name]!);
      for (const [call, run] of Object.entries(actionCalls(target))) {
        expect(await run(), call).toMatchObject({ ok: false, message: "notFound" });
      }
      for (const [call, run] of Object.entries(routeCalls(target))) {
        expect((await run()).status, call).toBe(404);
      }
      expect(await snapshot(target)).toBe(before);
    });
  }

  it("refuses the signed-out", async () => {
    signInAs(null);
    expect(await actionCalls(targets.own).read()).toMatchObject({ ok: false, message: "signedOut" });
    expect((await routeCalls(targets.own).raw()).status).toBe(404);
  });

  it("answers an unknown mailbox, message or folder exactly like a refusal", async () => {
    const me = actorOf(owner);
    const at = { address: owner.address, folder: "inbox", messageId: crypto.randomUUID() };
    await expect(messageEml(t.db, me, at)).rejects.toMatchObject({ code: "notFound" });
    await expect(messageEml(t.db, me, { ...at, messageId: "not-a-uuid" })).rejects.toMatchObject({ code: "notFound" });
    await expect(messageEml(t.db, me, { ...at, address: "nobody@nowhere.test" })).rejects.toMatchObject({
      code: "notFound",
    });
    // The right message under the wrong folder of its URL.
    await expect(
      messageEml(t.db, me, { address: owner.address, folder: "archive", messageId: targets.own.messageId }),
    ).rejects.toMatchObject({ code: "notFound" });
    await expect(loadMailView(t.db, me, { address: owner.address, folder: "nope", query: {} })).rejects.toMatchObject({
      code: "notFound",
    });
    await expect(
      loadMailView(t.db, me, { address: owner.address, folder: targets.shared.userFolderId, query: {} }),
    ).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("allowed: the owner, and Full Access alone", () => {
  for (const [name, which] of [
    ["owner", "own"],
    ["fullAccessOnly", "shared"],
  ] as const) {
    it(`${name} reads the ${which} mailbox: list, message, search, downloads`, async () => {
      const account = name === "owner" ? owner : who.fullAccessOnly!;
      const target = targets[which];
      const calls = libCalls(actorOf(account), target);
      const view = await calls.readingPage();
      expect(view.message?.detail.subject).toBe("With attachment");
      expect(view.list.rows.map((r) => r.subject)).toEqual(["With attachment", "Secret"]);
      expect((await calls.search()).rows.map((r) => r.subject)).toEqual(["Secret"]);

      signInAs(account);
      const routes = routeCalls(target);
      const raw = await routes.raw();
      expect(raw.status).toBe(200);
      expect(raw.headers.get("content-type")).toBe("message/rfc822");
      expect(raw.headers.get("content-disposition")).toBe(
        `attachment; filename="With attachment.eml"; filename*=UTF-8''With%20attachment.eml`,
      );
      expect(await raw.text()).toContain("Subject: With attachment");
      const attachment = await routes.attachment();
      expect(attachment.status).toBe(200);
      expect(attachment.headers.get("content-type")).toBe("application/pdf");
      expect(attachment.headers.get("content-disposition")).toContain(`filename="report.pdf"`);
      expect(attachment.headers.get("x-content-type-options")).toBe("nosniff");
      expect(Buffer.from(await attachment.arrayBuffer())).toEqual(PDF);
    });

    it(`${name} manages the ${which} mailbox through the actions`, async () => {
      const account = name === "owner" ? owner : who.fullAccessOnly!;
      const target = targets[which];
      signInAs(account);
      const calls = actionCalls(target);
      expect(await calls.flag()).toMatchObject({ ok: true, message: "done.flag", values: { count: 1 } });
      expect(await calls.createFolder()).toMatchObject({ ok: true, message: "done.folderCreated" });
      expect(await calls.createFolder()).toMatchObject({
        ok: false,
        message: "folderNameTaken",
        fieldErrors: { name: ["folderNameTaken"] },
      });
      expect(await calls.move()).toMatchObject({ ok: true, message: "done.move", values: { count: 1 } });
      const [moved] = await t.db.select().from(messages).where(eq(messages.id, target.messageId));
      expect(moved!.folderId).toBe(target.userFolderId);
    });
  }

  it("serves the HTML body sanitised, with the frame's policy", async () => {
    signInAs(owner);
    const mine = targets.own;
    const params = {
      address: owner.address,
      folder: "inbox",
      messageId: (
        await addMessage(t.db, owner, { html: `<p onclick="x()">Hi <img src="https://t.example/p.png"></p>` })
      ).id,
    };
    const response = await getBody(new NextRequest(`http://localhost/mail/x/inbox/${params.messageId}/body`), {
      params: Promise.resolve(params),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("sandbox allow-popups");
    expect(response.headers.get("content-security-policy")).toContain("img-src data:;");
    const html = await response.text();
    expect(html).toContain("<p>Hi <img /></p>");
    const withImages = await getBody(
      new NextRequest(`http://localhost/mail/x/inbox/${params.messageId}/body?images=1`),
      {
        params: Promise.resolve(params),
      },
    );
    expect(withImages.headers.get("content-security-policy")).toContain("img-src data: https: http:");
    expect(await withImages.text()).toContain(`<img src="https://t.example/p.png" />`);
    // A text-only message has no HTML body to frame.
    const textOnly = await routeCalls({ ...mine, messageId: (await addMessage(t.db, owner)).id }).body();
    expect(textOnly.status).toBe(404);
  });

  it("turns input mistakes into field errors, never an exception", async () => {
    signInAs(owner);
    const mailbox = owner.address;
    expect(await createFolderAction(null, form({ mailbox, name: "  " }))).toMatchObject({
      ok: false,
      message: "invalid",
      fieldErrors: { name: ["required"] },
    });
    expect(await createFolderAction(null, form({ mailbox, name: "a\nb" }))).toMatchObject({
      fieldErrors: { name: ["controlCharacters"] },
    });
    expect(await createFolderAction(null, form({ mailbox, name: "x".repeat(101) }))).toMatchObject({
      fieldErrors: { name: ["tooLong"] },
    });
    expect(
      await messagesAction(null, form({ mailbox, op: "explode", "ids[]": [targets.own.messageId] })),
    ).toMatchObject({
      ok: false,
      message: "invalid",
    });
    expect(await messagesAction(null, form({ mailbox, op: "read" }))).toMatchObject({
      ok: false,
      message: "noSelection",
    });
    expect(await messagesAction(null, form({ mailbox, op: "move", "ids[]": [targets.own.messageId] }))).toMatchObject({
      ok: false,
      message: "chooseFolder",
    });
    const inbox = await folderOf(t.db, owner, "inbox");
    expect(await renameFolderAction(null, form({ mailbox, folderId: inbox.id, name: "Mine" }))).toMatchObject({
      ok: false,
      message: "wellKnownFolder",
    });
  });
});
