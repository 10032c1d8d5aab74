import { act, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveMailStream, OpenFolder } from "../../components/mail/LiveMail";
import { publishFresh } from "../../components/mail/fresh-state";
import { UnreadCount } from "../../components/mail/UnreadCount";
import type { LiveMailEvent } from "../../lib/events/live-mail";
import { messagesFor } from "../../messages";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

/** A stand-in for the browser's EventSource: the test plays the server's side. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  static opened = 0;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
    FakeEventSource.opened++;
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown = {}) {
    for (const fn of this.listeners.get(type) ?? []) fn({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
}

const INBOX = "10000000-0000-4000-8000-000000000001";
const SHARED_INBOX = "10000000-0000-4000-8000-000000000002";
const READ_AT = 1_000;
// Counts are kept per folder for the page's life (fresh-state.ts): a folder of its own for a test.
const OTHER_INBOX = "10000000-0000-4000-8000-000000000003";
const READ_INBOX = "10000000-0000-4000-8000-000000000004";
const OWN_READ_INBOX = "10000000-0000-4000-8000-000000000005";

function setup(locale: "en" | "fr", inbox = INBOX) {
  document.title = "Inbox – me@example.org";
  render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)}>
      <UnreadCount folderId={SHARED_INBOX} count={4} at={READ_AT} />
      <OpenFolder folderId={inbox} total={10} unread={2} at={READ_AT} />
      <LiveMailStream />
    </NextIntlClientProvider>,
  );
}

const folders = (at: number, list: LiveMailEvent["folders"]): LiveMailEvent => ({ at, folders: list });

beforeEach(() => {
  vi.stubGlobal("EventSource", FakeEventSource);
  FakeEventSource.opened = 0;
  refresh.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("live mail", () => {
  it("new mail in the open folder: list refreshed, count in the title, announced (English)", async () => {
    setup("en");
    expect(document.title).toBe("(2) Inbox – me@example.org");
    expect(FakeEventSource.last!.url).toBe("/api/mail/events");
    act(() =>
      FakeEventSource.last!.emit(
        "folders",
        folders(READ_AT + 1, [{ mailboxId: "m", folderId: INBOX, total: 12, unread: 4 }]),
      ),
    );
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("status")).toHaveTextContent("2 new messages");
    expect(document.title).toBe("(4) Inbox – me@example.org");
  });

  it("a shared mailbox's folder: its count changes, the list is not asked for again (French)", async () => {
    setup("fr");
    act(() =>
      FakeEventSource.last!.emit(
        "folders",
        folders(READ_AT + 2, [{ mailboxId: "s", folderId: SHARED_INBOX, total: 9, unread: 5 }]),
      ),
    );
    expect(screen.getByText("5 non lus")).toBeInTheDocument();
    expect(refresh).not.toHaveBeenCalled();
  });

  it("an event that says what the list shows asks nothing; a lost connection comes back with backoff", async () => {
    vi.useFakeTimers();
    setup("fr", OTHER_INBOX);
    act(() =>
      FakeEventSource.last!.emit(
        "folders",
        folders(READ_AT + 3, [{ mailboxId: "m", folderId: OTHER_INBOX, total: 10, unread: 2 }]),
      ),
    );
    expect(refresh).not.toHaveBeenCalled();
    const first = FakeEventSource.last!;
    act(() => first.onerror!());
    expect(first.closed).toBe(true);
    act(() => vi.advanceTimersByTime(1300));
    expect(FakeEventSource.opened).toBe(2);
    act(() => FakeEventSource.last!.emit("open"));
    expect(refresh).toHaveBeenCalledTimes(1); // catching up on what the gap missed
    act(() => FakeEventSource.last!.emit("end"));
    expect(FakeEventSource.last!.closed).toBe(true);
  });

  it("someone else reads a message: the list is rendered again once the change has settled", async () => {
    vi.useFakeTimers();
    setup("en", READ_INBOX);
    act(() =>
      FakeEventSource.last!.emit(
        "folders",
        folders(READ_AT + 4, [{ mailboxId: "m", folderId: READ_INBOX, total: 10, unread: 1 }]),
      ),
    );
    expect(refresh).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1600));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(document.title).toBe("(1) Inbox – me@example.org");
  });

  it("opening a message here marks it read: its reading pane brings the row, the list is not asked again", async () => {
    vi.useFakeTimers();
    setup("en", OWN_READ_INBOX);
    act(() =>
      FakeEventSource.last!.emit(
        "folders",
        folders(READ_AT + 5, [{ mailboxId: "m", folderId: OWN_READ_INBOX, total: 10, unread: 1 }]),
      ),
    );
    act(() => vi.advanceTimersByTime(300));
    act(() => publishFresh(READ_AT + 6, { [OWN_READ_INBOX]: 1 }, ["20000000-0000-4000-8000-000000000001"]));
    act(() => vi.advanceTimersByTime(2000));
    expect(refresh).not.toHaveBeenCalled();
    expect(document.title).toBe("(1) Inbox – me@example.org");
  });
});
