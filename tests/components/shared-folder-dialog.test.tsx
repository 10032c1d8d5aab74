import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { messagesFor } from "../../messages";

// The actions a route would pass in as props.
const actions = vi.hoisted(() => ({
  addSharedFolderAction: vi.fn(),
  removeSharedFolderAction: vi.fn(),
  loadAddableMailboxes: vi.fn(),
}));

const ownActions = { add: actions.addSharedFolderAction, loadAddable: actions.loadAddableMailboxes };

import { AddSharedFolderForm } from "../../components/mail/shared/AddSharedFolderForm";
import { ContextMenu } from "../../components/mail/shared/ContextMenu";
import { OwnMailboxHeader } from "../../components/mail/shared/OwnMailboxHeader";

const wrap = (ui: ReactNode) =>
  render(
    <NextIntlClientProvider locale="en" messages={messagesFor("en")} timeZone="Europe/Paris">
      {ui}
    </NextIntlClientProvider>,
  );

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
});

beforeEach(() => {
  vi.clearAllMocks();
  actions.loadAddableMailboxes.mockResolvedValue([
    { address: "support@example.org", displayName: "Support Example" },
    { address: "sales@example.org", displayName: "Sales" },
  ]);
});

describe("AddSharedFolderForm", () => {
  it("labels the field, offers the suggestions and ties the error to the field", async () => {
    actions.addSharedFolderAction.mockResolvedValue({
      ok: false,
      message: "notFound",
      fieldErrors: { mailbox: ["notFound"] },
      values: { mailbox: "nobody@example.org" },
    });
    const { container } = wrap(
      <AddSharedFolderForm
        action={actions.addSharedFolderAction}
        suggestions={[{ address: "support@example.org", displayName: "Support Example" }]}
      />,
    );
    const field = screen.getByLabelText("Name or address");
    const list = container.querySelector(`datalist#${CSS.escape(field.getAttribute("list")!)}`);
    expect(list?.querySelector("option")?.getAttribute("value")).toBe("support@example.org");

    await userEvent.type(field, "nobody@example.org");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    const error = await screen.findByText("Not found, or you do not have access.");
    const input = screen.getByLabelText("Name or address");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input.getAttribute("aria-describedby")).toContain(error.id);
    expect(input).toHaveValue("nobody@example.org");
    const sent = actions.addSharedFolderAction.mock.calls[0]![1] as FormData;
    expect(sent.get("mailbox")).toBe("nobody@example.org");
  });

  it("shows a pending state, then the confirmation with a link to the mailbox", async () => {
    let resolve: (v: unknown) => void = () => {};
    actions.addSharedFolderAction.mockReturnValue(new Promise((r) => (resolve = r)));
    wrap(<AddSharedFolderForm action={actions.addSharedFolderAction} suggestions={[]} />);
    await userEvent.type(screen.getByLabelText("Name or address"), "Support Example");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    expect(await screen.findByRole("button", { name: "Adding…" })).toBeDisabled();
    await act(async () =>
      resolve({
        ok: true,
        message: "added",
        values: { name: "Support Example" },
        data: { address: "support@example.org" },
      }),
    );
    expect(await screen.findByText(/Support Example was added to your folders\./)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open Support Example" })).toHaveAttribute(
      "href",
      "/mail/support%40example.org/inbox",
    );
  });
});

describe("ContextMenu", () => {
  it("opens at a right-click with focus on its first item; arrows move, Escape closes", async () => {
    wrap(
      <ContextMenu
        label="Menu"
        items={
          <>
            <button role="menuitem">First</button>
            <button role="menuitem">Second</button>
          </>
        }
      >
        <span>Target</span>
      </ContextMenu>,
    );
    await userEvent.pointer({ keys: "[MouseRight]", target: screen.getByText("Target") });
    const menu = screen.getByRole("menu", { name: "Menu" });
    expect(within(menu).getByRole("menuitem", { name: "First" })).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    expect(within(menu).getByRole("menuitem", { name: "Second" })).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    expect(within(menu).getByRole("menuitem", { name: "First" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("closes on a click elsewhere", async () => {
    wrap(
      <div>
        <ContextMenu label="Menu" items={<button role="menuitem">Only</button>}>
          <span>Target</span>
        </ContextMenu>
        <p>Elsewhere</p>
      </div>,
    );
    await userEvent.pointer({ keys: "[MouseRight]", target: screen.getByText("Target") });
    expect(screen.getByRole("menu")).toBeInTheDocument();
    await userEvent.click(screen.getByText("Elsewhere"));
    expect(screen.queryByRole("menu")).toBeNull();
  });
});

describe("OwnMailboxHeader", () => {
  it("right-click → Add shared folder… opens the dialog with suggestions not already in the tree", async () => {
    actions.addSharedFolderAction.mockResolvedValue({
      ok: true,
      message: "added",
      values: { name: "Sales" },
      data: { address: "sales@example.org" },
    });
    const { container } = wrap(
      <OwnMailboxHeader
        displayName="Guide Dupont"
        address="guide@example.org"
        inTree={["support@example.org"]}
        actions={ownActions}
      />,
    );
    await userEvent.pointer({ keys: "[MouseRight]", target: screen.getByText("Guide Dupont") });
    await userEvent.click(screen.getByRole("menuitem", { name: "Add shared folder…" }));
    const dialog = screen.getByRole("dialog", { name: "Add shared folder" });
    await waitFor(() => expect(actions.loadAddableMailboxes).toHaveBeenCalled());
    await waitFor(() =>
      expect([...container.querySelectorAll("datalist option")].map((o) => o.getAttribute("value"))).toEqual([
        "sales@example.org",
      ]),
    );
    await userEvent.type(within(dialog).getByLabelText("Name or address"), "sales@example.org");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add" }));
    await waitFor(() => expect(dialog).not.toHaveAttribute("open"));
    expect(screen.getByRole("status")).toHaveTextContent("Sales was added to your folders.");
  });

  it("has a visible link for keyboard and touch that opens the same dialog (and the page without JS)", async () => {
    wrap(<OwnMailboxHeader displayName="Guide Dupont" address="guide@example.org" inTree={[]} actions={ownActions} />);
    const link = screen.getByRole("link", { name: "Add shared folder" });
    expect(link).toHaveAttribute("href", "/mail/shared/add");
    link.focus();
    await userEvent.keyboard("{Enter}");
    expect(screen.getByRole("dialog", { name: "Add shared folder" })).toHaveAttribute("open");
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("dialog", { hidden: true })).not.toHaveAttribute("open");
  });
});
