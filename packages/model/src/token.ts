import { z } from "zod";
import { IdSchema } from "./ids.js";

/** Claims carried by an Attune access token: who is connecting, and to which workspace. */
export const TokenClaimsSchema = z.object({
  workspaceId: IdSchema,
  personId: IdSchema,
  name: z.string().min(1).max(200).optional(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;
