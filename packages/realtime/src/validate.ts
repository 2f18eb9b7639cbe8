import { AttuneError, MAX_MESSAGE_TEXT } from "@attune/model";
import type { z } from "zod";

/**
 * Parses an incoming payload, turning schema failures into `invalid-payload` (or
 * `payload-too-large` when only size limits failed) with client-safe details.
 */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown, event: string): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const tooBig = result.error.issues.every((issue) => issue.code === "too_big");
  throw new AttuneError({
    code: tooBig ? "payload-too-large" : "invalid-payload",
    message: tooBig
      ? `${event}: payload too large (text is at most ${MAX_MESSAGE_TEXT} characters)`
      : `${event}: ${issues.map((i) => `${i.path || "payload"}: ${i.message}`).join("; ")}`,
    details: issues,
  });
}
