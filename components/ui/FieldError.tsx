"use client";

import { useTranslations } from "next-intl";

/** A field's errors, translated, with the id its input names in aria-describedby. */
export function FieldError({
  id,
  errors,
  namespace = "errors",
}: {
  id: string;
  errors?: string[];
  namespace?: string;
}) {
  const t = useTranslations(namespace);
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {errors.map((e) => t(e)).join(" ")}
    </p>
  );
}
