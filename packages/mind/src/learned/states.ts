/**
 * Frame of mind from one message: confused, frustrated, playful, skeptical. Four logistic heads over
 * the shared hashed features, trained on GoEmotions (Reddit comments) and Platt-calibrated on its dev
 * split, so each value is a probability that a GoEmotions rater would tag the text with that state.
 */
import file from "../../weights/states.json" with { type: "json" };
import { calibrated, type LinearFile, type Platt } from "./model.js";
import { HEADS, OFFSET, scoresOf } from "./scores.js";

export const STATE_NAMES = ["confused", "frustrated", "playful", "skeptical"] as const;
export type StateName = (typeof STATE_NAMES)[number];
export type States = Record<StateName, number>;

interface StatesFile extends LinearFile {
  extra: {
    calibration: Platt[];
    /** Dev-chosen F1-optimal decision thresholds on the calibrated probabilities. */
    thresholds: number[];
  };
}

const FILE: StatesFile = file;
const O = OFFSET.states;
if (STATE_NAMES.some((s, i) => HEADS[O + i] !== s)) throw new Error("states.json: unexpected heads");

/** Calibrated probabilities (0..1) of each state in `text`. Deterministic. */
export function readStates(text: string): States {
  const z = scoresOf(text);
  const c = FILE.extra.calibration;
  const p = (h: number) => {
    const cal = c[h];
    return cal ? calibrated(z[O + h] ?? 0, cal) : 0;
  };
  return { confused: p(0), frustrated: p(1), playful: p(2), skeptical: p(3) };
}

/** The dev-chosen thresholds above which each state counts as present (maximising dev F1). */
export const STATE_THRESHOLDS: Readonly<States> = Object.freeze({
  confused: FILE.extra.thresholds[0] ?? 0.5,
  frustrated: FILE.extra.thresholds[1] ?? 0.5,
  playful: FILE.extra.thresholds[2] ?? 0.5,
  skeptical: FILE.extra.thresholds[3] ?? 0.5,
});
