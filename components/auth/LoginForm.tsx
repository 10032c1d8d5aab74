"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { FieldError } from "@/components/ui/FieldError";

/** Sign-in form; `callbackUrl` (a path of this site) is where a successful sign-in goes. */
export function LoginForm({ action: login, callbackUrl }: { action: FormAction; callbackUrl?: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(login, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <div aria-live="polite">
        {state?.message && (
          <p className="rounded bg-red-50 p-2 text-sm text-red-800" data-testid="login-error">
            {t(state.message)}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="address" className="block text-sm font-medium">
          {t("address")}
        </label>
        <input
          id="address"
          name="address"
          type="email"
          autoComplete="username"
          required
          defaultValue={state?.values?.address ? String(state.values.address) : undefined}
          aria-invalid={Boolean(errors.address)}
          aria-describedby={errors.address ? "address-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
        <FieldError id="address-error" errors={errors.address} namespace="auth" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? "password-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
        <FieldError id="password-error" errors={errors.password} namespace="auth" />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand-600 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}
