import { factOf, type RecordedEvent } from "./event.js";

/** A fact as one perspective holds it. For reality, `learnedAt` equals `setBy`. */
export interface Belief {
  readonly key: string;
  readonly value: string;
  /** `seq` of the event that set this value. */
  readonly setBy: number;
  /** `seq` of the event through which this perspective learned it (its own sighting or entry). */
  readonly learnedAt: number;
}

/** One event as a perspective knows it, with who that perspective thinks saw it. */
export interface Step {
  readonly event: RecordedEvent;
  readonly witnesses: ReadonlySet<string>;
  /** For `enter`: who was in the room right after the entry, as this perspective believes. */
  readonly seenOnEnter?: ReadonlySet<string>;
  /** For `enter` with `revealOnEnter`: the facts in sight there, as this perspective believes. */
  readonly revealed?: readonly Belief[];
}

export interface PresenceChange {
  readonly seq: number;
  readonly actor: string;
  readonly place: string | undefined;
}

/** Everything one perspective knows, in log order. */
export interface View {
  readonly steps: readonly Step[];
  readonly changes: readonly Belief[];
  readonly moves: readonly PresenceChange[];
}

/**
 * One mind's running picture of a shared space: who is where and what each fact's value is. The same
 * stepping serves reality (no holder, every event) and any nested perspective (only the events the
 * holder is believed to have seen), so first- and second-order beliefs follow one rule.
 */
export class Scene {
  readonly #presence = new Map<string, string>();
  readonly #facts = new Map<string, Belief & { where: string | undefined }>();
  readonly #holder: string | undefined;
  readonly #revealOnEnter: boolean;
  readonly changes: Belief[] = [];
  readonly moves: PresenceChange[] = [];

  constructor(options: { holder: string | undefined; revealOnEnter: boolean }) {
    this.#holder = options.holder;
    this.#revealOnEnter = options.revealOnEnter;
  }

  placeOf(actor: string): string | undefined {
    return this.#presence.get(actor);
  }

  occupants(place: string): Set<string> {
    const here = new Set<string>();
    for (const [actor, at] of this.#presence) if (at === place) here.add(actor);
    return here;
  }

  /**
   * Applies one event. `known` is what the enclosing perspective says was in the room at an entry (who,
   * and what lay in sight), so a holder who was there takes in the room, not just the door.
   */
  step(event: RecordedEvent, known?: Pick<Step, "seenOnEnter" | "revealed">): Step {
    switch (event.kind) {
      case "enter": {
        // Whoever is in the room at an entry sees the room: who is there and, with revealOnEnter, what
        // lies in sight. The entrant learns it; those already there know the entrant now knows it too.
        const inRoom = this.#holder !== undefined && known?.seenOnEnter?.has(this.#holder) === true;
        if (inRoom && known?.seenOnEnter) {
          for (const [actor, at] of this.#presence) {
            if (at === event.place && !known.seenOnEnter.has(actor)) this.#setPlace(event.seq, actor, undefined);
          }
          for (const actor of known.seenOnEnter) {
            if (actor !== event.actor) this.#setPlace(event.seq, actor, event.place);
          }
        }
        if (inRoom && known?.revealed) {
          for (const fact of known.revealed) {
            if (this.#facts.get(fact.key)?.value !== fact.value) this.#learn(fact, event.seq, event.place);
          }
        }
        const from = this.#presence.get(event.actor);
        // Those left behind see the actor go, so they stop counting them as present.
        const leftBehind = from !== undefined && from !== event.place ? this.occupants(from) : new Set<string>();
        this.#setPlace(event.seq, event.actor, event.place);
        const here = this.occupants(event.place);
        const step: {
          event: RecordedEvent;
          witnesses: Set<string>;
          seenOnEnter: Set<string>;
          revealed?: Belief[];
        } = { event, witnesses: new Set([...here, ...leftBehind]), seenOnEnter: here };
        if (this.#revealOnEnter) step.revealed = this.#factsAt(event.place);
        return step;
      }
      case "exit": {
        const witnesses = event.where === undefined ? new Set<string>() : this.occupants(event.where);
        witnesses.add(event.actor);
        this.#setPlace(event.seq, event.actor, undefined);
        return { event, witnesses };
      }
      default: {
        const witnesses = new Set(
          event.witnesses ?? (event.where === undefined ? [] : [...this.occupants(event.where)]),
        );
        if (event.actor !== undefined) witnesses.add(event.actor);
        const fact = factOf(event);
        if (fact) this.#learn({ ...fact, setBy: event.seq, learnedAt: event.seq }, event.seq, event.where);
        return { event, witnesses };
      }
    }
  }

  #setPlace(seq: number, actor: string, place: string | undefined): void {
    if (this.#presence.get(actor) === place) return;
    if (place === undefined) this.#presence.delete(actor);
    else this.#presence.set(actor, place);
    this.moves.push({ seq, actor, place });
  }

  #learn(fact: Belief, learnedAt: number, where: string | undefined): void {
    const belief = { key: fact.key, value: fact.value, setBy: fact.setBy, learnedAt };
    this.#facts.set(fact.key, { ...belief, where });
    this.changes.push(belief);
  }

  #factsAt(place: string): Belief[] {
    const out: Belief[] = [];
    for (const { where, ...fact } of this.#facts.values()) if (where === place) out.push(fact);
    return out;
  }
}

/**
 * Replays `steps` (what the enclosing perspective knows) through `holder`'s eyes: only the events the
 * enclosing perspective believes the holder witnessed, with presence as the holder would track it.
 */
export function viewThrough(options: { steps: readonly Step[]; holder: string; revealOnEnter: boolean }): View {
  const scene = new Scene({ holder: options.holder, revealOnEnter: options.revealOnEnter });
  const steps: Step[] = [];
  for (const outer of options.steps) {
    if (outer.witnesses.has(options.holder)) steps.push(scene.step(outer.event, outer));
  }
  return { steps, changes: scene.changes, moves: scene.moves };
}
