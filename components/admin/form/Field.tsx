"use client";

import { useErrorText } from "./use-error-text";

type Props = {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  values?: Record<string, string | number>;
  /** Prefix for element ids, when one page holds several forms. */
  idPrefix?: string;
  children: (props: {
    id: string;
    name: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
  }) => React.ReactNode;
};

/** A labelled control with its hint and errors tied to it by aria-describedby. */
export function Field({ name, label, hint, errors, values, idPrefix = "f", children }: Props) {
  const errorText = useErrorText();
  const id = `${idPrefix}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, name, "aria-invalid": Boolean(errorId), "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {errors!.map((e) => errorText(e, values)).join(" ")}
        </p>
      )}
    </div>
  );
}

export const inputClass =
  "mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600 " +
  "aria-[invalid=true]:bg-red-50";

/** A checkbox with its label after it, and its error tied to it. */
export function Checkbox({
  name,
  label,
  hint,
  defaultChecked,
  idPrefix = "f",
}: {
  name: string;
  label: string;
  hint?: string;
  defaultChecked?: boolean;
  idPrefix?: string;
}) {
  const id = `${idPrefix}-${name}`;
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-1 h-4 w-4"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
