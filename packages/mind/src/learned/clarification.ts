/**
 * Whether a request needs a clarifying question. Two heads over the shared hashed features, because
 * the two public datasets disagree about what "needs clarification" looks like on the surface:
 *   - `vague`: ClariQ (ConvAI3) — underspecified, search-like requests ("Tell me about iron"). A linear
 *     regression on clarification_need (1–4); Platt-calibrated to P(need ≥ 3) and cut into the 4 levels
 *     on out-of-fold predictions over ClariQ train+dev.
 *   - `ambiguous`: CLAMBER — ambiguous questions (unknown entities, unclear referents, several readings).
 *     A logistic head on CLAMBER's train part, Platt-calibrated on its dev part.
 * `need` mixes the two calibrated probabilities with a weight chosen on dev data.
 */
import file from "../../weights/clarification.json" with { type: "json" };
import { calibrated, type LinearFile, type Platt } from "./model.js";
import { HEADS, OFFSET, scoresOf } from "./scores.js";

interface ClarificationFile extends LinearFile {
  extra: {
    ambiguousCalibration: Platt;
    vagueCalibration: Platt;
    /** Weight of `vague` in `need` (the rest goes to `ambiguous`). */
    mix: number;
    /** Ascending cuts on the raw ClariQ regression output separating levels 1|2|3|4. */
    levelCuts: number[];
    /** Dev-chosen thresholds on `need` (maximising dev F1), per dataset style. */
    thresholds: { clariq: number; clamber: number };
  };
}

const FILE: ClarificationFile = file;
const O = OFFSET.clarification;
if (HEADS[O] !== "ambiguous" || HEADS[O + 1] !== "vague") throw new Error("clarification.json: unexpected heads");

export interface Clarification {
  /** Probability (0..1) that the request needs a clarifying question. */
  need: number;
  /** CLAMBER-style ambiguity, 0..1. */
  ambiguous: number;
  /** ClariQ-style underspecification, P(clarification_need ≥ 3), 0..1. */
  vague: number;
  /** ClariQ's 1 (no clarification needed) … 4 (clarification essential). */
  level: 1 | 2 | 3 | 4;
}

export function readClarification(text: string): Clarification {
  const z = scoresOf(text);
  const za = z[O] ?? 0;
  const zv = z[O + 1] ?? 0;
  const { ambiguousCalibration, vagueCalibration, mix, levelCuts } = FILE.extra;
  const ambiguous = calibrated(za, ambiguousCalibration);
  const vague = calibrated(zv, vagueCalibration);
  let level = 1;
  for (const cut of levelCuts) if (zv >= cut) level++;
  return {
    need: mix * vague + (1 - mix) * ambiguous,
    ambiguous,
    vague,
    level: Math.min(4, level) as 1 | 2 | 3 | 4,
  };
}

/** Probability (0..1) that this request needs a clarifying question. */
export function readClarificationNeed(text: string): number {
  return readClarification(text).need;
}

/** Dev-chosen decision thresholds on `need`. */
export const CLARIFICATION_THRESHOLDS: Readonly<{ clariq: number; clamber: number }> = Object.freeze({
  ...FILE.extra.thresholds,
});
