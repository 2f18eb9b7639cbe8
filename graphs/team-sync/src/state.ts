import { PlanSchema } from "@attune/model";
import { registry } from "@langchain/langgraph/zod";
import { z } from "zod";

/** One team event the member missed, as `teamSync` reads it from the graph. */
export const MissedEventSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  authorId: z.string().nullable(),
  kind: z.string(),
  text: z.string(),
  createdAt: z.string(),
  seenBy: z.array(z.string()),
});

/** A belief the member holds that the rest of the team sees differently. */
export const DivergentBeliefSchema = z.object({
  subjectId: z.string(),
  dimension: z.string(),
  key: z.string(),
  mine: z.number(),
  team: z.number(),
  others: z.number(),
});

/** `teamSync`'s answer for one member. */
export const MemberSyncSchema = z.object({
  memberId: z.string(),
  name: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  missed: z.array(MissedEventSchema),
  divergent: z.array(DivergentBeliefSchema),
});
export type MemberSyncState = z.infer<typeof MemberSyncSchema>;

/** One member's personal catch-up and how it was adapted. */
export const CatchUpSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  /** `mind`: planned from the agent's mind of the member; `default`: no (readable) mind yet. */
  planSource: z.enum(["mind", "default"]),
  plan: PlanSchema,
  /** The missed events the catch-up covers (a brief plan covers fewer), in prompt order. */
  eventIds: z.array(z.string()),
  /** Missed events left out by the plan's length budget. */
  omitted: z.number().int().nonnegative(),
  /** `subjectId/dimension/key` of the diverging beliefs the catch-up mentions. */
  divergentKeys: z.array(z.string()),
  /** The prompt the model was given (system, then human), kept so the adaptation is auditable. */
  prompt: z.array(z.string()),
  /** The catch-up text; written without the model when there is nothing to catch up on. */
  text: z.string(),
});
export type CatchUp = z.infer<typeof CatchUpSchema>;

/** Catch-ups from parallel branches, one per member, kept in member order (a rerun replaces). */
const mergeCatchUps = (a: CatchUp[], b: CatchUp[]) => {
  const byMember = new Map(a.map((c) => [c.memberId, c]));
  for (const c of b) byMember.set(c.memberId, c);
  return [...byMember.values()].sort((x, y) => (x.memberId < y.memberId ? -1 : x.memberId > y.memberId ? 1 : 0));
};

/** The state of a team-sync run: read the team's sync data → one catch-up per member. */
export const TeamSyncStateSchema = z.object({
  workspaceId: z.string(),
  teamId: z.string(),
  /** The agent writing the catch-ups; its minds of the members shape them. */
  agent: z.object({ id: z.string(), name: z.string() }).default({ id: "assistant", name: "Attune" }),
  /** Members to catch up. @default every member of the team */
  memberIds: z.array(z.string()).optional(),
  /** The team's sync data, per selected member. */
  members: z.array(MemberSyncSchema).default([]),
  /** Display names of the team's members (authors and subjects are shown by name). */
  names: z.record(z.string(), z.string()).default({}),
  /** The member one catch-up branch works on (set by the fan-out, not by callers). */
  member: MemberSyncSchema.optional(),
  catchUps: z.array(CatchUpSchema).register(registry, {
    reducer: { fn: mergeCatchUps },
    default: () => [],
  }),
});
export type TeamSyncState = z.infer<typeof TeamSyncStateSchema>;
export type TeamSyncInput = z.input<typeof TeamSyncStateSchema>;

/** Custom stream events (read with `streamMode: "custom"`). */
export type TeamSyncStreamEvent = { type: "catch-up-delta"; memberId: string; delta: string };
