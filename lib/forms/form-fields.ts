import { z } from "zod";

/** zod helpers for form fields (pure: the actions in app/ and the domain's schemas share them). */
export const formText = (max = 200) =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, "required")
    .max(max, "tooLong")
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "controlCharacters");
export const formCheckbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
