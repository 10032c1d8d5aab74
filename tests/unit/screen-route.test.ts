import { describe, expect, it } from "vitest";
import { listSegment, mailScreenRoute, parseListSegment } from "../../lib/mailboxes/screen-route";

const search = (text: string) => new URLSearchParams(text);
const FOLDER_ID = "3cc04e7a-10f8-46c1-9c83-f16c83b50a71";
const MESSAGE_ID = "28b7711c-d6a0-40d8-ba3e-90125514e17b";

describe("the mail screen's internal route", () => {
  it("puts the list's search and page in a path segment, so its layout is keyed by them", () => {
    const first = mailScreenRoute("/mail/me%40example.org/inbox", search(""));
    expect(first).toEqual({ pathname: "/mail/me%40example.org/inbox/l", messageId: null });
    const paged = mailScreenRoute(`/mail/me%40example.org/inbox/${MESSAGE_ID}`, search("after=abc&images=1"));
    expect(paged?.messageId).toBe(MESSAGE_ID);
    const [, , , , list, id] = paged!.pathname.split("/");
    expect(id).toBe(MESSAGE_ID);
    expect(parseListSegment(list!)).toEqual({ after: "abc" });
  });

  it("gives a message the list segment of the list it was opened from: opening it keeps the list", () => {
    const list = mailScreenRoute("/mail/me%40example.org/inbox", search("q=facture&scope=mailbox"))!;
    const open = mailScreenRoute(`/mail/me%40example.org/inbox/${MESSAGE_ID}`, search("scope=mailbox&q=facture"))!;
    expect(open.pathname).toBe(`${list.pathname}/${MESSAGE_ID}`);
    // Showing remote images changes the reading pane alone.
    const images = mailScreenRoute(
      `/mail/me%40example.org/inbox/${MESSAGE_ID}`,
      search("q=facture&scope=mailbox&images=1"),
    );
    expect(images!.pathname).toBe(open.pathname);
  });

  it("routes the message's downloads under the same segments", () => {
    expect(mailScreenRoute(`/mail/me@example.org/${FOLDER_ID}/${MESSAGE_ID}/attachments/0`, search(""))).toEqual({
      pathname: `/mail/me@example.org/${FOLDER_ID}/l/${MESSAGE_ID}/attachments/0`,
      messageId: MESSAGE_ID,
    });
  });

  it("leaves every other page as it is", () => {
    for (const path of [
      "/mail",
      "/mail/compose",
      "/mail/compose/sent",
      "/mail/search",
      "/mail/shared/add",
      "/mail/me%40example.org/audit",
      "/mail/settings/rules",
      "/mail/me%40example.org/not-a-folder",
      "/admin/mailboxes/x/y",
    ])
      expect(mailScreenRoute(path, search("q=x")), path).toBeNull();
  });

  it("keeps a search to 200 characters, and reads anything malformed as the first page", () => {
    const long = "a".repeat(500);
    expect(parseListSegment(listSegment(search(`q=${long}`))).q).toHaveLength(200);
    expect(parseListSegment("l")).toEqual({});
    expect(parseListSegment("nonsense")).toEqual({});
    expect(parseListSegment("l%%%")).toEqual({});
  });
});
