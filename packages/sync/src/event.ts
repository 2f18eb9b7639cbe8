import { IdSchema, TimestampSchema } from "@attune/model";
import { z } from "zod";

/**
 * What can happen in a shared space. Presence (`enter`, `exit`) decides who witnesses everything
 * else; `put`, `move` and `announce` change a fact (where an item is, what was decided).
 */
export const WITNESS_EVENT_KINDS = ["enter", "exit", "put", "move", "announce"] as const;
export type WitnessEventKind = (typeof WITNESS_EVENT_KINDS)[number];

/** Longest announced value (a decision's text): enough for a paragraph, small enough to hold many. */
export const MAX_FACT_VALUE = 2_000;

const at = TimestampSchema.optional().describe(
  "when it happened (ISO-8601); optional, but once used it may not go backwards",
);
// An explicit audience replaces presence: a message is witnessed by those who read it, not by
// whoever happened to be in the channel. Each listed witness also knows who else was addressed.
const witnesses = z.array(IdSchema).min(1).max(10_000).optional();

export const EnterEventSchema = z.strictObject({
  kind: z.literal("enter"),
  actor: IdSchema,
  place: IdSchema,
  at,
});

export const ExitEventSchema = z.strictObject({
  kind: z.literal("exit"),
  actor: IdSchema,
  /** When given, it must be where the actor is: catches out-of-order feeds early. */
  place: IdSchema.optional(),
  at,
});

export const PutEventSchema = z.strictObject({
  kind: z.literal("put"),
  item: IdSchema,
  container: IdSchema,
  /** Where it happens; defaults to the actor's place. One of `place` or `actor` is required. */
  place: IdSchema.optional(),
  actor: IdSchema.optional(),
  witnesses,
  at,
});

export const MoveEventSchema = z.strictObject({
  kind: z.literal("move"),
  actor: IdSchema,
  item: IdSchema,
  container: IdSchema,
  place: IdSchema.optional(),
  witnesses,
  at,
});

export const AnnounceEventSchema = z.strictObject({
  kind: z.literal("announce"),
  /** What the decision or announcement is about; a later announcement on it supersedes this one. */
  topic: IdSchema,
  value: z.string().min(1).max(MAX_FACT_VALUE),
  actor: IdSchema.optional(),
  /** The meeting, channel or room it was made in; defaults to the actor's place. */
  place: IdSchema.optional(),
  witnesses,
  at,
});

export const WitnessEventSchema = z.discriminatedUnion("kind", [
  EnterEventSchema,
  ExitEventSchema,
  PutEventSchema,
  MoveEventSchema,
  AnnounceEventSchema,
]);

export type EnterEvent = z.infer<typeof EnterEventSchema>;
export type ExitEvent = z.infer<typeof ExitEventSchema>;
export type PutEvent = z.infer<typeof PutEventSchema>;
export type MoveEvent = z.infer<typeof MoveEventSchema>;
export type AnnounceEvent = z.infer<typeof AnnounceEventSchema>;
/** One event as a caller describes it (input to `WitnessLog.record`). */
export type WitnessEvent = z.infer<typeof WitnessEventSchema>;

/**
 * An event as the log keeps it: numbered, with its place resolved and who witnessed it.
 * `seq` is the event's position in the log (0-based); it is the log's clock.
 */
export type RecordedEvent = WitnessEvent & {
  readonly seq: number;
  /** Where it happened; absent only for an event with an explicit audience and no place. */
  readonly where: string | undefined;
  /** For `enter`: the place the actor left by entering this one, if any. */
  readonly from: string | undefined;
  /** Who saw it happen, sorted. */
  readonly witnessedBy: readonly string[];
};

/** The fact an event changes: an item's container, or an announced topic's value. */
export function factOf(event: WitnessEvent): { key: string; value: string } | undefined {
  switch (event.kind) {
    case "put":
    case "move":
      return { key: event.item, value: event.container };
    case "announce":
      return { key: event.topic, value: event.value };
    default:
      return undefined;
  }
}
