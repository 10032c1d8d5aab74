import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { DelegationGrid } from "../../../components/admin/delegations/DelegationGrid";
import type { DelegationChange, GridPerson } from "../../../components/admin/delegations/types";
import type { ActionState } from "../../../lib/forms/action-state";
import { renderEn } from "./render";

const mailbox = { id: "m0000000-0000-4000-8000-000000000000", address: "support@example.org", displayName: "Support" };
const guide: GridPerson = {
  id: "g",
  address: "guide@example.org",
  displayName: "Guide Dupont",
  state: "active",
  current: null,
};
const config: GridPerson = {
  id: "c",
  address: "configuration@example.org",
  displayName: "Camille Configuration",
  state: "active",
  current: { fullAccess: false, sendAs: false, sendOnBehalf: true, automap: false },
};
const away: GridPerson = {
  id: "s",
  address: "away@example.org",
  displayName: "Sam Away",
  state: "suspended",
  current: null,
};
const people = [away, config, guide];

const changes: DelegationChange[] = [
  {
    delegate: { id: "c", address: config.address, displayName: config.displayName },
    granted: ["sendAs", "fullAccess"],
    removed: ["sendOnBehalf"],
    automap: null,
    before: config.current,
    after: { fullAccess: true, sendAs: true, sendOnBehalf: false, automap: true },
  },
  {
    delegate: { id: "g", address: guide.address, displayName: guide.displayName },
    granted: ["fullAccess"],
    removed: [],
    automap: null,
    before: null,
    after: { fullAccess: true, sendAs: false, sendOnBehalf: false, automap: true },
  },
];

const box = (column: string, name: string) => screen.getByRole("checkbox", { name: `${column} for ${name}` });
const sent = (action: ReturnType<typeof vi.fn>, call = 0) => {
  const data = action.mock.calls[call]![1] as FormData;
  return Object.fromEntries([...new Set(data.keys())].map((k) => [k, k.endsWith("[]") ? data.getAll(k) : data.get(k)]));
};

describe("the delegation grid, step 1", { timeout: 20_000 }, () => {
  it("lists every possible delegate with the three rights and automap, ticked as they are now", () => {
    renderEn(<DelegationGrid action={vi.fn()} mailbox={mailbox} people={people} />);
    const table = screen.getByRole("table", { name: "Delegations of support@example.org" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["User mailbox", "Send As", "Send on Behalf", "Full Access", "Show in their folders"]);
    expect(box("Send on Behalf", "Camille Configuration")).toBeChecked();
    expect(box("Full Access", "Camille Configuration")).not.toBeChecked();
    expect(box("Show in their folders", "Camille Configuration")).not.toBeChecked();
    // nobody delegated yet: automap on by default, no right
    expect(box("Show in their folders", "Guide Dupont")).toBeChecked();
    expect(box("Full Access", "Guide Dupont")).not.toBeChecked();
    expect(within(table).getByText("suspended")).toBeInTheDocument();
  });

  it("sends the whole grid with intent=next: who is listed and who is ticked in each column", async () => {
    const action = vi.fn(async (): Promise<ActionState> => null);
    renderEn(<DelegationGrid action={action} mailbox={mailbox} people={people} />);
    const user = userEvent.setup();
    await user.click(box("Full Access", "Guide Dupont"));
    await user.click(box("Full Access", "Camille Configuration"));
    await user.click(box("Send As", "Camille Configuration"));
    await user.click(box("Send on Behalf", "Camille Configuration"));
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(action).toHaveBeenCalledOnce());
    expect(sent(action)).toEqual({
      mailboxId: mailbox.id,
      intent: "next",
      "delegates[]": ["s", "c", "g"],
      "sendAs[]": ["c"],
      "fullAccess[]": ["c", "g"],
      "automap[]": ["s", "g"],
    });
  });

  it("filters the people shown, without dropping the others from what is sent", async () => {
    const action = vi.fn(async (): Promise<ActionState> => null);
    renderEn(<DelegationGrid action={action} mailbox={mailbox} people={people} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Find a person"), "guide");
    expect(screen.queryByRole("checkbox", { name: "Send As for Camille Configuration" })).toBeNull();
    await user.click(box("Full Access", "Guide Dupont"));
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(action).toHaveBeenCalledOnce());
    expect(sent(action)["delegates[]"]).toEqual(["s", "c", "g"]);
    expect(sent(action)["sendOnBehalf[]"]).toEqual(["c"]);
  });
});

describe("the delegation grid, step 2 and after", { timeout: 20_000 }, () => {
  async function atSummary(second: ActionState = null) {
    const first: ActionState = {
      ok: true,
      data: {
        step: "summary",
        changes,
        fingerprint: "abc123",
        input: {
          mailboxId: mailbox.id,
          delegates: ["s", "c", "g"],
          sendAs: ["c"],
          fullAccess: ["c", "g"],
          automap: ["s", "c", "g"],
        },
      },
    };
    const action = vi.fn().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    renderEn(<DelegationGrid action={action} mailbox={mailbox} people={people} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByTestId("delegation-summary");
    return { action, user };
  }

  it("summarises person by person: granted, removed, automap", async () => {
    await atSummary();
    const summary = screen.getByTestId("delegation-summary");
    await waitFor(() => expect(within(summary).getByRole("heading", { name: "Changes to confirm" })).toHaveFocus());
    const camille = summary.querySelector('[data-delegate="configuration@example.org"]')!;
    expect(camille).toHaveTextContent("Granted: Send As, Full Access");
    expect(camille).toHaveTextContent("Removed: Send on Behalf");
    expect(camille).toHaveTextContent("Shown in their folders automatically");
    expect(summary.querySelector('[data-delegate="guide@example.org"]')).toHaveTextContent("Granted: Full Access");
    expect(summary.querySelector('[data-delegate="away@example.org"]')).toBeNull();
  });

  it("Confirm sends the same grid again with the summary's fingerprint", async () => {
    const { action, user } = await atSummary();
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(2));
    expect(sent(action, 1)).toEqual({
      mailboxId: mailbox.id,
      fingerprint: "abc123",
      intent: "confirm",
      "delegates[]": ["s", "c", "g"],
      "sendAs[]": ["c"],
      "fullAccess[]": ["c", "g"],
      "automap[]": ["s", "c", "g"],
    });
  });

  it("after Confirm: says they are applied, lists what was done, and shows the grid again", async () => {
    const { user } = await atSummary({
      ok: true,
      message: "delegationsApplied",
      data: { step: "done", changes, input: {} },
    });
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "The delegations were applied. They are in effect now.",
    );
    expect(screen.getByTestId("delegation-applied").querySelectorAll("[data-delegate]")).toHaveLength(2);
    expect(screen.getByTestId("delegation-grid")).toBeInTheDocument();
  });

  it("Back returns to the grid as it was ticked", async () => {
    const { user } = await atSummary({
      ok: true,
      data: {
        step: "grid",
        input: { mailboxId: mailbox.id, delegates: ["s", "c", "g"], fullAccess: ["g"], automap: ["g"] },
      },
    });
    await user.click(screen.getByRole("button", { name: "Back" }));
    await screen.findByTestId("delegation-grid");
    expect(box("Full Access", "Guide Dupont")).toBeChecked();
    expect(box("Send on Behalf", "Camille Configuration")).not.toBeChecked();
  });

  it("a change made meanwhile by someone else: the new summary, with the reason", async () => {
    const { user } = await atSummary({
      ok: false,
      message: "delegationsChanged",
      data: {
        step: "summary",
        changes: [changes[1]],
        fingerprint: "def456",
        input: { delegates: ["g"], fullAccess: ["g"] },
      },
    });
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/Someone changed these delegations in the meantime/);
    expect(screen.getByTestId("delegation-summary").querySelectorAll("[data-delegate]")).toHaveLength(1);
  });
});
