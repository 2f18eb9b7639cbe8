import { AttuneError, IdSchema, TimestampSchema } from "@attune/model";
import { z } from "zod";
import {
  factOf,
  type RecordedEvent,
  WITNESS_EVENT_KINDS,
  type WitnessEvent,
  type WitnessEventKind,
  WitnessEventSchema,
} from "./event.js";
import { type Belief, Scene, type Step, type View, viewThrough } from "./perspective.js";

/**
 * A point in the log: an event's `seq` (the state right after it), or an ISO-8601 timestamp (the
 * state after every event at or before it; needs events recorded with `at`). `-1` is "before anything".
 */
export type Moment = number | string;

/** Deepest nesting of "A believes B believes C believes …" a query may ask for. */
export const MAX_PERSPECTIVE_DEPTH = 8;

/** A fact whose value a perspective has wrong, and the events that changed it behind its back. */
export interface OutdatedBelief {
  readonly key: string;
  /** The holder's value, or undefined if it never learned one. */
  readonly believed: Belief | undefined;
  /** The value as the judging perspective (`according`; reality by default) holds it. */
  readonly current: Belief;
  /** The changes to this fact, after the holder last learned it, that the holder did not witness. */
  readonly missed: readonly RecordedEvent[];
}

export interface WitnessLogOptions {
  /**
   * Whether entering a place shows the entrant the facts located there (an item in plain sight, a
   * channel's pinned decisions). Off, an entrant learns only what happens while they are present.
   * @default false
   */
  revealOnEnter?: boolean;
  /** Events to record right away, in order. @default [] */
  events?: readonly WitnessEvent[];
}

const MomentSchema = z.union([z.number().int().min(-1), TimestampSchema]);
const PerspectiveSchema = z.array(IdSchema).max(MAX_PERSPECTIVE_DEPTH);
const KindsSchema = z.array(z.enum(WITNESS_EVENT_KINDS)).min(1);

const FactQuerySchema = z.strictObject({ key: IdSchema, asOf: MomentSchema.optional() });
const BeliefQuerySchema = z.strictObject({
  key: IdSchema,
  perspective: PerspectiveSchema.min(1),
  asOf: MomentSchema.optional(),
});
const HistoryQuerySchema = z.strictObject({
  key: IdSchema,
  perspective: PerspectiveSchema.optional(),
  asOf: MomentSchema.optional(),
});
const PlaceQuerySchema = z.strictObject({
  actor: IdSchema,
  perspective: PerspectiveSchema.optional(),
  asOf: MomentSchema.optional(),
});
const PresentQuerySchema = z.strictObject({
  place: IdSchema,
  perspective: PerspectiveSchema.optional(),
  asOf: MomentSchema.optional(),
});
const MissedQuerySchema = z.strictObject({
  actor: IdSchema,
  according: PerspectiveSchema.max(MAX_PERSPECTIVE_DEPTH - 1).optional(),
  since: MomentSchema.optional(),
  until: MomentSchema.optional(),
  kinds: KindsSchema.optional(),
});
const OutdatedQuerySchema = z.strictObject({
  actor: IdSchema,
  according: PerspectiveSchema.max(MAX_PERSPECTIVE_DEPTH - 1).optional(),
  asOf: MomentSchema.optional(),
});

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new AttuneError({
    code: "invalid-payload",
    message: `${what}: ${issues.map((i) => `${i.path || "value"}: ${i.message}`).join("; ")}`,
    details: issues,
  });
}

const conflict = (message: string) => new AttuneError({ code: "conflict", message });

/**
 * Who witnessed what in a shared space — a meeting, a channel, a room — and therefore what each member
 * believes, what they believe the others believe, and what they missed. People enter and leave places;
 * whoever is present witnesses what happens there (or an event names its audience). Facts are items in
 * containers or announced decisions; a later change supersedes an earlier one only for those who saw it.
 *
 * Nested beliefs follow one rule at every depth: A's picture of B is built from the events A saw and
 * believes B saw, with presence as A tracked it. The log is append-only and pure: no I/O, no clock.
 *
 * @example
 * const log = createWitnessLog();
 * log.record({ kind: "enter", actor: "ana", place: "standup" });
 * log.record({ kind: "enter", actor: "ben", place: "standup" });
 * log.record({ kind: "announce", actor: "ana", topic: "deadline", value: "Friday" });
 * log.record({ kind: "exit", actor: "ben" });
 * log.record({ kind: "announce", actor: "ana", topic: "deadline", value: "Monday" });
 * log.belief({ key: "deadline", perspective: ["ben"] })?.value; // "Friday"
 * log.belief({ key: "deadline", perspective: ["ana", "ben"] })?.value; // "Friday": ana saw ben leave
 * log.outdated({ actor: "ben" }); // [{ key: "deadline", believed: Friday, current: Monday, missed: [#4] }]
 */
export class WitnessLog {
  readonly #revealOnEnter: boolean;
  readonly #world: Scene;
  readonly #steps: Step[] = [];
  readonly #events: RecordedEvent[] = [];
  readonly #times: (number | undefined)[] = [];
  readonly #actors = new Set<string>();
  readonly #keys = new Map<string, "item" | "topic">();
  readonly #views = new Map<string, { size: number; view: View }>();

  constructor(options: WitnessLogOptions = {}) {
    this.#revealOnEnter = options.revealOnEnter ?? false;
    this.#world = new Scene({ holder: undefined, revealOnEnter: this.#revealOnEnter });
    for (const event of options.events ?? []) this.record(event);
  }

  /** Every recorded event, in order; `events[i].seq === i`. */
  get events(): readonly RecordedEvent[] {
    return this.#events;
  }

  /** Actors that appear anywhere in the log, sorted. */
  get actors(): readonly string[] {
    return [...this.#actors].sort();
  }

  /** Fact keys (items and topics) that appear in the log, sorted. */
  get keys(): readonly string[] {
    return [...this.#keys.keys()].sort();
  }

  /**
   * Appends one event and works out who witnessed it.
   * Throws `invalid-payload` for a malformed event and `conflict` for one that contradicts the log
   * (leaving a place one is not in, acting from nowhere, time going backwards, an item used as a topic).
   *
   * @example
   * log.record({ kind: "move", actor: "ana", item: "potato", container: "box" }); // where ana is
   */
  record(event: WitnessEvent): RecordedEvent {
    const input = parse(WitnessEventSchema, event, `event #${this.#events.length}`);
    const seq = this.#events.length;
    const time = this.#timeOf(input, seq);
    const { where, from } = this.#locate(input, seq);
    const fact = factOf(input);
    if (fact) {
      const role = input.kind === "announce" ? "topic" : "item";
      const known = this.#keys.get(fact.key);
      if (known !== undefined && known !== role) {
        throw conflict(`event #${seq}: "${fact.key}" is already used as ${known === "item" ? "an item" : "a topic"}`);
      }
      this.#keys.set(fact.key, role);
    }
    const recorded = { ...input, seq, where, from, witnessedBy: [] as string[] };
    const step = this.#world.step(recorded);
    recorded.witnessedBy = [...step.witnesses].sort();
    Object.freeze(recorded.witnessedBy);
    Object.freeze(recorded);
    this.#steps.push(step);
    this.#events.push(recorded);
    this.#times.push(time);
    if ("actor" in input && input.actor !== undefined) this.#actors.add(input.actor);
    if ("witnesses" in input) for (const w of input.witnesses ?? []) this.#actors.add(w);
    return recorded;
  }

  /**
   * Where an item really is, or what was really last decided on a topic (`undefined` before it was set).
   *
   * @example
   * log.actual({ key: "potato" })?.value; // "box"
   * log.actual({ key: "deadline", asOf: "2026-01-05T09:00:00Z" });
   */
  actual(options: {
    key: string;
    /** @default the end of the log */
    asOf?: Moment | undefined;
  }): Belief | undefined {
    const o = parse(FactQuerySchema, options, "actual");
    return lastOf(this.#factChanges(o.key, [], o.asOf));
  }

  /**
   * What the innermost actor of `perspective` believes about a fact, as the outer ones see it:
   * `["ana"]` is what ana believes; `["ana", "ben"]` is what ana believes ben believes.
   * `undefined` when that mind never learned a value.
   *
   * @example
   * log.belief({ key: "potato", perspective: ["ana"] })?.value;        // first order
   * log.belief({ key: "potato", perspective: ["ana", "ben"] })?.value; // second order
   */
  belief(options: {
    key: string;
    /** Outermost mind first; at least one actor, at most `MAX_PERSPECTIVE_DEPTH`. */
    perspective: readonly string[];
    /** @default the end of the log */
    asOf?: Moment | undefined;
  }): Belief | undefined {
    const o = parse(BeliefQuerySchema, options, "belief");
    return lastOf(this.#factChanges(o.key, o.perspective, o.asOf));
  }

  /**
   * The values a fact took, in order, as a perspective learned them; `history(...)[0]` is where an item
   * was at the beginning.
   *
   * @example
   * log.history({ key: "potato" })[0]?.value;                      // where it started
   * log.history({ key: "deadline", perspective: ["ben"] });        // what ben heard, in order
   */
  history(options: {
    key: string;
    /** @default [] (reality) */
    perspective?: readonly string[] | undefined;
    /** @default the end of the log */
    asOf?: Moment | undefined;
  }): Belief[] {
    const o = parse(HistoryQuerySchema, options, "history");
    return this.#factChanges(o.key, o.perspective ?? [], o.asOf);
  }

  /**
   * Where an actor is (or, with a perspective, is believed to be); `undefined` when nowhere.
   *
   * @example
   * log.placeOf({ actor: "ben" });                        // really
   * log.placeOf({ actor: "ben", perspective: ["ana"] });  // where ana thinks ben is
   */
  placeOf(options: {
    actor: string;
    /** @default [] (reality) */
    perspective?: readonly string[] | undefined;
    /** @default the end of the log */
    asOf?: Moment | undefined;
  }): string | undefined {
    const o = parse(PlaceQuerySchema, options, "placeOf");
    this.#requireActors([o.actor]);
    const view = this.#view(o.perspective ?? []);
    const until = this.#seqOf(o.asOf, "asOf");
    let place: string | undefined;
    for (const move of view.moves) {
      if (move.seq > until) break;
      if (move.actor === o.actor) place = move.place;
    }
    return place;
  }

  /**
   * Who is (believed to be) in a place, sorted.
   *
   * @example
   * log.presentAt({ place: "standup" }); // ["ana"]
   */
  presentAt(options: {
    place: string;
    /** @default [] (reality) */
    perspective?: readonly string[] | undefined;
    /** @default the end of the log */
    asOf?: Moment | undefined;
  }): string[] {
    const o = parse(PresentQuerySchema, options, "presentAt");
    const view = this.#view(o.perspective ?? []);
    const until = this.#seqOf(o.asOf, "asOf");
    const where = new Map<string, string>();
    for (const move of view.moves) {
      if (move.seq > until) break;
      if (move.place === undefined) where.delete(move.actor);
      else where.set(move.actor, move.place);
    }
    return [...where]
      .filter(([, place]) => place === o.place)
      .map(([actor]) => actor)
      .sort();
  }

  /**
   * The events an actor did not witness — the raw material of a personal catch-up. With `according`,
   * only the events that perspective knows of and believes the actor missed ("what ana thinks ben
   * has not heard"). Events keep their real `witnessedBy`.
   *
   * @example
   * const since = log.events.findLast((e) => e.kind === "exit" && e.actor === "ben")?.seq;
   * log.missed({ actor: "ben", since, kinds: ["announce"] }); // decisions made after ben left
   */
  missed(options: {
    actor: string;
    /** Whose knowledge of events to use, outermost first. @default [] (reality) */
    according?: readonly string[] | undefined;
    /** Only events after this moment. @default the beginning of the log */
    since?: Moment | undefined;
    /** Only events up to this moment. @default the end of the log */
    until?: Moment | undefined;
    /** Only these kinds of event. @default every kind */
    kinds?: readonly WitnessEventKind[] | undefined;
  }): RecordedEvent[] {
    const o = parse(MissedQuerySchema, options, "missed");
    this.#requireActors([o.actor]);
    const after = o.since === undefined ? -1 : this.#seqOf(o.since, "since");
    const until = this.#seqOf(o.until, "until");
    const kinds = o.kinds === undefined ? undefined : new Set<WitnessEventKind>(o.kinds);
    return this.#view(o.according ?? [])
      .steps.filter(
        (s) =>
          s.event.seq > after &&
          s.event.seq <= until &&
          !s.witnesses.has(o.actor) &&
          (kinds === undefined || kinds.has(s.event.kind)),
      )
      .map((s) => s.event);
  }

  /**
   * The facts an actor has wrong (or never learned) compared with reality — or, with `according`, with
   * what that perspective holds — each with the changes the actor missed. This is "who missed which
   * decision": the list a catch-up message for that person should cover.
   *
   * @example
   * log.outdated({ actor: "ben" });                       // what ben really has wrong
   * log.outdated({ actor: "ben", according: ["ana"] });   // what ana thinks ben has wrong
   */
  outdated(options: {
    actor: string;
    /** The judging perspective, outermost first. @default [] (reality) */
    according?: readonly string[] | undefined;
    /** @default the end of the log */
    asOf?: Moment | undefined;
  }): OutdatedBelief[] {
    const o = parse(OutdatedQuerySchema, options, "outdated");
    const according = o.according ?? [];
    this.#requireActors([o.actor, ...according]);
    const outer = this.#view(according);
    const inner = this.#view([...according, o.actor]);
    const until = this.#seqOf(o.asOf, "asOf");
    const current = latestByKey(outer.changes, until);
    const believed = latestByKey(inner.changes, until);
    const out: OutdatedBelief[] = [];
    for (const [key, now] of current) {
      const held = believed.get(key);
      if (held?.value === now.value) continue;
      const missed = outer.steps
        .filter(
          (s) =>
            s.event.seq <= until &&
            s.event.seq > (held?.learnedAt ?? -1) &&
            factOf(s.event)?.key === key &&
            !s.witnesses.has(o.actor),
        )
        .map((s) => s.event);
      out.push({ key, believed: held, current: now, missed });
    }
    return out.sort((a, b) => a.current.setBy - b.current.setBy);
  }

  #factChanges(key: string, perspective: readonly string[], asOf: Moment | undefined): Belief[] {
    if (!this.#keys.has(key)) throw new AttuneError({ code: "not-found", message: `no event mentions "${key}"` });
    this.#requireActors(perspective);
    const until = this.#seqOf(asOf, "asOf");
    return this.#view(perspective).changes.filter((c) => c.key === key && c.learnedAt <= until);
  }

  #requireActors(actors: readonly string[]): void {
    for (const actor of actors) {
      if (!this.#actors.has(actor)) {
        throw new AttuneError({ code: "not-found", message: `no event mentions actor "${actor}"` });
      }
    }
  }

  // Views are rebuilt from the enclosing one after the log grows; each depth costs one pass.
  #view(perspective: readonly string[]): View {
    if (perspective.length === 0) return { steps: this.#steps, changes: this.#world.changes, moves: this.#world.moves };
    const cacheKey = perspective.join("\u0000");
    const cached = this.#views.get(cacheKey);
    if (cached?.size === this.#events.length) return cached.view;
    const outer = this.#view(perspective.slice(0, -1));
    const holder = perspective[perspective.length - 1] as string;
    const view = viewThrough({ steps: outer.steps, holder, revealOnEnter: this.#revealOnEnter });
    this.#views.set(cacheKey, { size: this.#events.length, view });
    return view;
  }

  #seqOf(moment: Moment | undefined, name: string): number {
    const last = this.#events.length - 1;
    if (moment === undefined) return last;
    if (typeof moment === "number") {
      if (moment > last) {
        throw new AttuneError({
          code: "invalid-payload",
          message: `${name}: event #${moment} is beyond the last event (#${last})`,
        });
      }
      return moment;
    }
    if (!this.#times.some((t) => t !== undefined)) {
      throw new AttuneError({
        code: "invalid-payload",
        message: `${name}: a timestamp needs events recorded with \`at\`; use an event's seq instead`,
      });
    }
    const ms = Date.parse(moment);
    let seq = -1;
    for (let i = 0; i <= last; i++) {
      const t = this.#times[i];
      if (t !== undefined && t > ms) break;
      seq = i;
    }
    return seq;
  }

  // An event without `at` happened at the time of the one before it, so timestamps stay ordered.
  #timeOf(input: WitnessEvent, seq: number): number | undefined {
    const previous = this.#times[seq - 1];
    if (input.at === undefined) return previous;
    const time = Date.parse(input.at);
    if (previous !== undefined && time < previous) {
      throw conflict(`event #${seq}: at ${input.at} is earlier than the event before it`);
    }
    return time;
  }

  #locate(input: WitnessEvent, seq: number): { where: string | undefined; from: string | undefined } {
    const actorAt = "actor" in input && input.actor !== undefined ? this.#world.placeOf(input.actor) : undefined;
    switch (input.kind) {
      case "enter":
        return { where: input.place, from: actorAt };
      case "exit":
        if (actorAt === undefined) throw conflict(`event #${seq}: ${input.actor} exits but is not in any place`);
        if (input.place !== undefined && input.place !== actorAt) {
          throw conflict(`event #${seq}: ${input.actor} exits ${input.place} but is in ${actorAt}`);
        }
        return { where: actorAt, from: undefined };
      default: {
        if (input.place === undefined && input.actor === undefined && input.witnesses === undefined) {
          throw new AttuneError({
            code: "invalid-payload",
            message: `event #${seq}: ${input.kind} needs \`place\`, \`actor\` or \`witnesses\` to know who saw it`,
          });
        }
        const where = input.place ?? actorAt;
        if (where === undefined && input.witnesses === undefined) {
          throw conflict(
            `event #${seq}: ${input.actor} is not in any place, so no one can witness it: give \`place\` or \`witnesses\``,
          );
        }
        return { where, from: undefined };
      }
    }
  }
}

function lastOf<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

function latestByKey(changes: readonly Belief[], until: number): Map<string, Belief> {
  const latest = new Map<string, Belief>();
  for (const change of changes) if (change.learnedAt <= until) latest.set(change.key, change);
  return latest;
}

/**
 * Creates an empty witness log (or one replaying `events`).
 *
 * @example
 * const log = createWitnessLog({ events: [{ kind: "enter", actor: "ana", place: "standup" }] });
 */
export function createWitnessLog(options: WitnessLogOptions = {}): WitnessLog {
  return new WitnessLog(options);
}
