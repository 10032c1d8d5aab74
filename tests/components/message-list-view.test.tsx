import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { MessageListView } from "../../components/mail/MessageListView";
import { publishFresh } from "../../components/mail/fresh-state";
import type { ActionState } from "../../lib/forms/action-state";
import { messagesFor } from "../../messages";
import { packRow } from "../../components/mail/list-rows";
import { listItem } from "../support/list-item";

vi.mock("next/link", () => ({
  default: ({ href, prefetch: _prefetch, ...rest }: { href: string; prefetch?: boolean } & Record<string, unknown>) => (
    <a href={href} {...rest} />
  ),
}));

// The list is kept while messages open: the open one comes from the URL's params.
const OPEN_ID = "00000000-0000-4000-8000-000000000002";
vi.mock("next/navigation", () => ({ useParams: () => ({ messageId: OPEN_ID }) }));

const LIST_READ_AT = 1_000;

const item = listItem;

function setup(
  action = vi.fn(async (_s: ActionState, _f: FormData): Promise<ActionState> => ({
    ok: true,
    message: "done.delete",
    values: { moved: 2, purged: 0 },
  })),
) {
  const items = [item(1, { seen: false, flagged: true, hasAttachments: true }), item(2), item(3)];
  render(
    <NextIntlClientProvider locale="en" messages={messagesFor("en")}>
      <MessageListView
        rows={items.map(packRow)}
        links={{ mailbox: "/mail/me%40example.org", folder: "inbox", query: "?after=c", address: "me@example.org" }}
        at={LIST_READ_AT}
        moveTargets={[{ id: "10000000-0000-4000-8000-000000000000", label: "Archive" }]}
        hidden={{ mailbox: "me@example.org", folder: "inbox" }}
        deleteForGood={false}
        emptyText="Empty"
        action={action}
      />
    </NextIntlClientProvider>,
  );
  return { items, action, user: userEvent.setup() };
}

const count = () => screen.getByTestId("selection-count").textContent;

describe("the message list selection", () => {
  it("counts the selection, and the actions wait for one", async () => {
    const { user } = setup();
    expect(count()).toBe("None selected");
    const del = screen.getByRole("button", { name: "Delete" });
    expect(del).toBeDisabled();
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 1" }));
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 3" }));
    expect(count()).toBe("2 selected");
    expect(del).toBeEnabled();
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 3" }));
    expect(count()).toBe("1 selected");
  });

  it("selects all and none, showing a partial selection as mixed", async () => {
    const { user } = setup();
    const all = screen.getByRole("checkbox", { name: "Select all messages on this page" }) as HTMLInputElement;
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 2" }));
    expect(all.indeterminate).toBe(true);
    await user.click(all);
    expect(count()).toBe("3 selected");
    expect(all.checked).toBe(true);
    expect(all.indeterminate).toBe(false);
    await user.click(all);
    expect(count()).toBe("None selected");
  });

  it("submits the selected ids with the chosen action, then clears the selection", async () => {
    const { user, action, items } = setup();
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 1" }));
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 2" }));
    await user.click(screen.getByRole("button", { name: "Delete" }));
    expect(action).toHaveBeenCalledTimes(1);
    const form = action.mock.calls[0]![1];
    expect(form.getAll("ids[]")).toEqual([items[0]!.id, items[1]!.id]);
    expect(form.get("op")).toBe("delete");
    expect(form.get("mailbox")).toBe("me@example.org");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("2 messages moved to Deleted Items."));
    expect(count()).toBe("None selected");
  });

  it("moves the selection to the folder chosen in the Move to menu", async () => {
    const { user, action, items } = setup();
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 3" }));
    const toolbar = screen.getByRole("toolbar");
    await user.selectOptions(within(toolbar).getByRole("combobox", { name: "Move to" }), "Archive");
    await user.click(within(toolbar).getByRole("button", { name: "Move" }));
    const form = action.mock.calls[0]![1];
    expect(form.get("op")).toBe("move");
    expect(form.get("target")).toBe("10000000-0000-4000-8000-000000000000");
    expect(form.getAll("ids[]")).toEqual([items[2]!.id]);
  });

  it("moves with j/k, selects with x and deletes the focused message with Delete", async () => {
    const { user, action, items } = setup();
    const links = screen.getAllByRole("link");
    act(() => links[0]!.focus());
    await user.keyboard("j");
    expect(document.activeElement).toBe(links[1]);
    await user.keyboard("x");
    expect(count()).toBe("1 selected");
    await user.keyboard("k");
    expect(document.activeElement).toBe(links[0]);
    await user.keyboard("x");
    expect(count()).toBe("2 selected");
    await user.keyboard("{Delete}");
    expect(action.mock.calls[0]![1].getAll("ids[]")).toEqual([items[0]!.id, items[1]!.id]);
  });

  it("shows unread, flag, attachment and the open message to every reader", () => {
    setup();
    const rows = screen.getAllByRole("listitem");
    expect(rows[0]).toHaveAttribute("data-unread", "true");
    expect(within(rows[0]!).getByText("Unread", { exact: false })).toBeInTheDocument();
    expect(within(rows[0]!).getAllByText("Flagged").length).toBeGreaterThan(0);
    expect(within(rows[0]!).getAllByText("Has attachments").length).toBeGreaterThan(0);
    expect(within(rows[1]!).getByRole("link")).toHaveAttribute("aria-current", "true");
    expect(document.querySelector('input[type="hidden"][name="open"]')).toHaveAttribute("value", OPEN_ID);
    expect(within(rows[2]!).getByRole("link")).toHaveAttribute(
      "href",
      "/mail/me%40example.org/inbox/00000000-0000-4000-8000-000000000003?after=c",
    );
  });

  it("shows a message read once a reading pane read after the list says so, not before", () => {
    const { items } = setup();
    const first = () => screen.getAllByRole("listitem")[0]!;
    act(() => publishFresh(LIST_READ_AT - 1, {}, [items[0]!.id]));
    expect(first()).toHaveAttribute("data-unread", "true");
    act(() => publishFresh(LIST_READ_AT + 1, {}, [items[0]!.id]));
    expect(first()).toHaveAttribute("data-unread", "false");
    expect(within(first()).queryByText("Unread", { exact: false })).toBeNull();
  });

  it("shows a refusal from the server", async () => {
    const refuse = vi.fn(async (): Promise<ActionState> => ({ ok: false, message: "notFound" }));
    const { user } = setup(refuse);
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 1" }));
    await user.click(screen.getByRole("button", { name: "Mark as read" }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Not found, or you do not have access."));
    expect(count()).toBe("1 selected");
  });
});

describe("keyboard and pointer, as in Outlook on the web", () => {
  const link = (subject: string) => screen.getByRole("link", { name: new RegExp(subject) });
  const ticked = (subject: string) =>
    (screen.getByRole("checkbox", { name: `Select: ${subject}` }) as HTMLInputElement).checked;

  it("Ctrl+click ticks and unticks a row without opening it; Shift+click selects a range", async () => {
    const { user } = setup();
    await user.keyboard("{Control>}");
    await user.click(link("Subject 3"));
    await user.keyboard("{/Control}");
    expect(count()).toBe("1 selected");
    expect(ticked("Subject 3")).toBe(true);
    await user.keyboard("{Shift>}");
    await user.click(link("Subject 1"));
    await user.keyboard("{/Shift}");
    expect(count()).toBe("3 selected");
    await user.keyboard("{Control>}");
    await user.click(link("Subject 2"));
    await user.keyboard("{/Control}");
    expect(count()).toBe("2 selected");
    expect(ticked("Subject 2")).toBe(false);
  });

  it("N, R, Shift+R and Shift+F press New message, Reply, Reply all and Forward; not while typing", async () => {
    const { user } = setup();
    const pressed: string[] = [];
    const controls = document.createElement("div");
    for (const name of ["new", "reply", "replyAll", "forward"]) {
      const a = document.createElement("a");
      a.dataset.shortcut = name;
      a.addEventListener("click", (e) => {
        e.preventDefault();
        pressed.push(name);
      });
      controls.append(a);
    }
    const field = document.createElement("input");
    controls.append(field);
    document.body.append(controls);
    await user.click(document.body);
    await user.keyboard("n");
    await user.keyboard("r");
    await user.keyboard("{Shift>}R{/Shift}");
    await user.keyboard("{Shift>}F{/Shift}");
    expect(pressed).toEqual(["new", "reply", "replyAll", "forward"]);
    field.focus();
    await user.keyboard("r");
    expect(pressed).toHaveLength(4);
    controls.remove();
  });
});

describe("undo after a move or a delete", () => {
  it("offers Undo with what the server said, and sends it back", async () => {
    const back = [{ folderId: "10000000-0000-4000-8000-000000000009", ids: ["00000000-0000-4000-8000-000000000001"] }];
    const action = vi
      .fn(async (_s: ActionState, _f: FormData): Promise<ActionState> => ({
        ok: true,
        message: "done.undo",
        values: { count: 1 },
      }))
      .mockResolvedValueOnce({ ok: true, message: "done.move", values: { count: 1 }, data: { undo: back } });
    const { user } = setup(action);
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 1" }));
    const toolbar = screen.getByRole("toolbar");
    await user.selectOptions(within(toolbar).getByRole("combobox", { name: "Move to" }), "Archive");
    await user.click(within(toolbar).getByRole("button", { name: "Move" }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Moved."));
    await user.click(screen.getByRole("button", { name: "Undo" }));
    const sent = action.mock.calls[1]![1];
    expect(sent.get("op")).toBe("undo");
    expect(JSON.parse(String(sent.get("undo")))).toEqual(back);
    expect(await screen.findByText("Put back.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
  });

  it("after a move to another mailbox, says which mailbox the messages are in now", async () => {
    const back = [{ folderId: "10000000-0000-4000-8000-000000000009", ids: ["00000000-0000-4000-8000-000000000042"] }];
    const action = vi
      .fn(async (): Promise<ActionState> => ({ ok: true, message: "done.undo", values: { count: 1 } }))
      .mockResolvedValueOnce({
        ok: true,
        message: "done.move",
        values: { count: 1 },
        data: { undo: back, undoFrom: "me@example.org" },
      });
    const { user } = setup(action);
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 1" }));
    const toolbar = screen.getByRole("toolbar");
    await user.selectOptions(within(toolbar).getByRole("combobox", { name: "Move to" }), "Archive");
    await user.click(within(toolbar).getByRole("button", { name: "Move" }));
    await user.click(await screen.findByRole("button", { name: "Undo" }));
    const sent = (action.mock.calls as unknown as [ActionState, FormData][])[1]![1];
    expect([sent.get("op"), sent.get("undoFrom")]).toEqual(["undo", "me@example.org"]);
    expect(JSON.parse(String(sent.get("undo")))).toEqual(back);
  });
});

describe("the message menu (right-click)", () => {
  it("acts on the clicked message alone when it is not selected, as the toolbar would", async () => {
    const { user, action, items } = setup();
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 1" }));
    await user.pointer({ keys: "[MouseRight]", target: screen.getByRole("link", { name: /Subject 3/ }) });
    const menu = screen.getByRole("menu", { name: "Message menu" });
    expect(within(menu).getByRole("menuitem", { name: "Reply" })).toHaveAttribute(
      "href",
      `/mail/compose?mailbox=me%40example.org&reply=${items[2]!.id}`,
    );
    expect(within(menu).getByRole("menuitem", { name: "Open" })).toHaveAttribute(
      "href",
      `/mail/me%40example.org/inbox/${items[2]!.id}?after=c`,
    );
    expect(count()).toBe("1 selected");
    await user.click(within(menu).getByRole("menuitem", { name: "Flag" }));
    const form = action.mock.calls[0]![1];
    expect(form.get("op")).toBe("flag");
    expect(form.getAll("ids[]")).toEqual([items[2]!.id]);
  });

  it("keeps the selection when the clicked message is in it", async () => {
    const { user, action, items } = setup();
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 1" }));
    await user.click(screen.getByRole("checkbox", { name: "Select: Subject 2" }));
    await user.pointer({ keys: "[MouseRight]", target: screen.getByRole("link", { name: /Subject 2/ }) });
    await user.click(within(screen.getByRole("menu")).getByRole("menuitem", { name: "Mark as unread" }));
    const form = action.mock.calls[0]![1];
    expect(form.get("op")).toBe("unread");
    expect(form.getAll("ids[]")).toEqual([items[0]!.id, items[1]!.id]);
  });
});
