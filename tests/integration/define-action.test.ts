import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { login } from "../../app/(auth)/login/actions";
import { defineAction, formDataToObject } from "../../app/_lib/define-action";
import { resetPassword } from "../../lib/admin/users/reset-password";
import { DomainError } from "../../lib/errors";
import { createOrg, createUser } from "../support/factories";
import { actorOf, signInAs } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
const form = (entries: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const value of [v].flat()) data.append(k, value);
  return data;
};

const echo = defineAction(
  z.object({ name: z.string().min(1, "required"), n: z.coerce.number().int() }),
  async (input) => {
    if (input.name === "domain") throw new DomainError("addressTaken", { name: ["addressTaken"] });
    if (input.name === "boom") throw new Error("relation secret_table does not exist at 10.0.0.3");
    return { ok: true, data: input };
  },
);

beforeAll(async () => {
  const org = await createOrg(t.db);
  signInAs(await createUser(t.db, org));
});

describe("the one shape of server action", () => {
  it("answers a signed-out caller without running anything", async () => {
    signInAs(null);
    expect(await echo(null, form({ name: "x", n: "1" }))).toEqual({ ok: false, message: "signedOut" });
    const org = await createOrg(t.db);
    signInAs(await createUser(t.db, org));
  });

  it("answers a session opened before a password reset as signed out", async () => {
    const org = await createOrg(t.db);
    const [admin, user] = [await createUser(t.db, org, { role: "admin" }), await createUser(t.db, org)];
    signInAs(user);
    expect(await echo(null, form({ name: "x", n: "1" }))).toMatchObject({ ok: true });
    await resetPassword(t.db, actorOf(admin), { id: user.id, password: "A-new-password-2026!" });
    expect(await echo(null, form({ name: "x", n: "1" }))).toEqual({ ok: false, message: "signedOut" });
    await new Promise((r) => setTimeout(r, 5)); // a later sign-in
    signInAs(user);
    expect(await echo(null, form({ name: "x", n: "1" }))).toMatchObject({ ok: true });
  });

  it("returns field errors a person can act on for bad input", async () => {
    const state = await echo(null, form({ name: "", n: "one" }));
    expect(state).toMatchObject({ ok: false, message: "invalid", fieldErrors: { name: ["required"] } });
    expect(state?.fieldErrors?.n?.length).toBe(1);
  });

  it("passes domain errors through as their code", async () => {
    expect(await echo(null, form({ name: "domain", n: "1" }))).toMatchObject({
      ok: false,
      message: "addressTaken",
      fieldErrors: { name: ["addressTaken"] },
    });
  });

  it("never shows the details of an unexpected error", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const state = await echo(null, form({ name: "boom", n: "1" }));
    expect(state).toEqual({ ok: false, message: "unexpected" });
    expect(JSON.stringify(state)).not.toMatch(/secret_table|10\.0\.0\.3/);
    log.mockRestore();
  });

  it("turns repeated and [] keys into arrays", () => {
    expect(formDataToObject(form({ "ids[]": ["a"], tag: ["x", "y"], one: "1" }))).toEqual({
      ids: ["a"],
      tag: ["x", "y"],
      one: "1",
    });
  });
});

describe("the sign-in form's action", () => {
  it("asks for the address and the password", async () => {
    expect(await login(null, form({ address: "", password: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { address: ["addressRequired"], password: ["passwordRequired"] },
    });
  });
});
