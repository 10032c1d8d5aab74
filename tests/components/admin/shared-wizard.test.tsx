import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { SharedMailboxWizard } from "../../../components/admin/shared/SharedMailboxWizard";
import type { ActionState } from "../../../lib/forms/action-state";
import { deferred, renderEn } from "./render";

const GIB = 1024 ** 3;
const pool = { totalBytes: 10 * GIB, freeBytes: 8 * GIB };
const typed = {
  localPart: "contact",
  domain: "example.org",
  displayName: "Contact Example",
  quota: "1.5",
  hidden: "on",
};
const summaryState: ActionState = {
  ok: true,
  data: {
    step: "summary",
    input: typed,
    summary: {
      address: "contact@example.org",
      displayName: "Contact Example",
      quotaBytes: 1.5 * GIB,
      hidden: true,
      pool: { totalBytes: 10 * GIB, allocatedBytes: 2 * GIB, freeBytes: 8 * GIB, freeAfterBytes: 6.5 * GIB },
    },
  },
};

const sent = (action: ReturnType<typeof vi.fn>, call = 0) =>
  Object.fromEntries((action.mock.calls[call]![1] as FormData).entries());

async function fillAndNext() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Email account"), "contact");
  await user.type(screen.getByLabelText("Quota (GB)"), "1.5");
  await user.type(screen.getByLabelText("Display name"), "Contact Example");
  await user.click(screen.getByLabelText("Hide the address from the address book"));
  await user.click(screen.getByRole("button", { name: "Next" }));
  return user;
}

describe("the create wizard, step 1: the form", { timeout: 20_000 }, () => {
  it("labels every field, ties hints to them, and offers the organisation's domains", () => {
    renderEn(<SharedMailboxWizard action={vi.fn()} domains={["example.org", "example.fr"]} pool={pool} />);
    expect(screen.getByText("Step 1 of 2: details")).toBeInTheDocument();
    const quota = screen.getByLabelText("Quota (GB)");
    expect(quota).toHaveAccessibleDescription(
      "8 GB of the shared pool is free. All shared mailboxes together may use at most 10 GB.",
    );
    expect(screen.getByLabelText("Email account")).toHaveAccessibleDescription(/must not be an existing address/);
    const domain = screen.getByLabelText("Domain");
    expect([...(domain as HTMLSelectElement).options].map((o) => o.value)).toEqual(["example.org", "example.fr"]);
  });

  it("sends the fields with intent=next, and says it is checking meanwhile", async () => {
    const answer = deferred<ActionState>();
    const action = vi.fn(() => answer.promise);
    renderEn(<SharedMailboxWizard action={action} domains={["example.org"]} pool={pool} />);
    await fillAndNext();
    expect(sent(action)).toMatchObject({ ...typed, intent: "next" });
    const pending = await screen.findByRole("button", { name: "Checking…" });
    expect(pending).toBeDisabled();
    await act(async () => answer.resolve(summaryState));
    expect(await screen.findByTestId("shared-summary")).toBeInTheDocument();
  });

  it("shows the server's field errors at their fields, keeps what was typed, and focuses the first", async () => {
    const action = vi.fn(async (): Promise<ActionState> => ({
      ok: false,
      message: "addressTaken",
      fieldErrors: { localPart: ["addressTaken"], quota: ["poolExceeded"] },
      values: { freeBytes: GIB / 2, address: "contact@example.org" },
      data: { input: { ...typed, quota: "9" } },
    }));
    renderEn(<SharedMailboxWizard action={action} domains={["example.org"]} pool={pool} />);
    await fillAndNext();
    const local = await screen.findByLabelText("Email account");
    await waitFor(() => expect(local).toHaveAttribute("aria-invalid", "true"));
    expect(local).toHaveAccessibleDescription(/^This address already exists\./);
    expect(screen.getByLabelText("Quota (GB)")).toHaveAccessibleDescription(
      /^Only 512 MB of the shared pool is free\./,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Some fields need your attention.");
    expect(local).toHaveValue("contact");
    expect(screen.getByLabelText("Quota (GB)")).toHaveValue("9");
    expect(screen.getByLabelText("Hide the address from the address book")).toBeChecked();
    await waitFor(() => expect(local).toHaveFocus());
  });
});

describe("the create wizard, step 2: the summary", { timeout: 20_000 }, () => {
  async function atSummary(second: ActionState = null) {
    const action = vi.fn().mockResolvedValueOnce(summaryState).mockResolvedValueOnce(second);
    renderEn(<SharedMailboxWizard action={action} domains={["example.org"]} pool={pool} />);
    const user = await fillAndNext();
    await screen.findByTestId("shared-summary");
    return { action, user };
  }

  it("shows what will be created and the pool after it, heading focused", async () => {
    await atSummary();
    expect(screen.getByText("Step 2 of 2: summary")).toBeInTheDocument();
    expect(screen.getByTestId("summary-address")).toHaveTextContent("contact@example.org");
    expect(screen.getByText("Contact Example")).toBeInTheDocument();
    expect(screen.getByText("1.5 GB")).toBeInTheDocument();
    expect(screen.getByText("Yes")).toBeInTheDocument();
    expect(screen.getByText("3.5 GB of 10 GB allocated after this, 6.5 GB free")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("heading", { name: "Check and confirm" })).toHaveFocus());
  });

  it("Confirm sends the same fields again, with intent=confirm", async () => {
    const { action, user } = await atSummary();
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(2));
    expect(sent(action, 1)).toEqual({ ...typed, intent: "confirm" });
  });

  it("Back returns to the form with the fields as typed", async () => {
    const { action, user } = await atSummary({ ok: true, data: { step: "form", input: typed } });
    await user.click(screen.getByRole("button", { name: "Back" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(2));
    expect(sent(action, 1)).toMatchObject({ intent: "back" });
    expect(await screen.findByLabelText("Display name")).toHaveValue("Contact Example");
    expect(screen.getByLabelText("Email account")).toHaveValue("contact");
  });

  it("a refusal at Confirm (the pool filled meanwhile) goes back to the form with the error", async () => {
    const { user } = await atSummary({
      ok: false,
      message: "poolExceeded",
      fieldErrors: { quota: ["poolExceeded"] },
      values: { freeBytes: GIB },
      data: { input: typed },
    });
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    const quota = await screen.findByLabelText("Quota (GB)");
    expect(quota).toHaveAccessibleDescription(/^Only 1 GB of the shared pool is free\./);
    expect(quota).toHaveValue("1.5");
  });
});
