"use client";

import { useFormStatus } from "react-dom";

type Props = {
  children: React.ReactNode;
  pendingLabel: string;
  /** With several submit buttons in one form, the one pressed shows the pending label. */
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
};

const STYLES = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100",
  danger: "bg-red-700 text-white hover:bg-red-800",
};

/** A submit button that says it is working while its form is being submitted. */
export function SubmitButton({ children, pendingLabel, name, value, variant = "primary" }: Props) {
  const { pending, data } = useFormStatus();
  const mine = pending && (!name || data?.get(name) === value);
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      className={`rounded px-4 py-2 text-sm font-medium disabled:opacity-60 ${STYLES[variant]}`}
    >
      {mine ? pendingLabel : children}
    </button>
  );
}
