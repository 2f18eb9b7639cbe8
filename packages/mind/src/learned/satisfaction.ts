/**
 * How the person received the previous assistant turn, read from their reply. A ridge-style linear
 * regression over the shared hashed features, trained on every rated user turn of USS MWOZ+SGD with the
 * target (mean rating − 3) / 2, so the output estimates the expected rating on a −1 (very dissatisfied)
 * … 0 (neutral) … +1 (very satisfied) scale. Conditioning on the previous assistant text did not help
 * on MWOZ+SGD cross-validation, so the reader takes the reply alone.
 */
import file from "../../weights/satisfaction.json" with { type: "json" };
import type { LinearFile } from "./model.js";
import { HEADS, OFFSET, scoresOf } from "./scores.js";

interface SatisfactionFile extends LinearFile {
  extra: {
    /** Dev-chosen threshold: a score at or below it reads as dissatisfied (maximising dev F1). */
    dissatisfiedAtOrBelow: number;
  };
}

const FILE: SatisfactionFile = file;
const O = OFFSET.satisfaction;
if (HEADS[O] !== "satisfaction") throw new Error("satisfaction.json: unexpected heads");

/** Satisfaction with the previous assistant turn, −1..1 (0 = neutral), from the user's reply text. */
export function readSatisfaction(text: string): number {
  const z = scoresOf(text)[O] ?? 0;
  return Math.max(-1, Math.min(1, z));
}

/** Scores at or below this read as dissatisfied (dev-chosen on MWOZ+SGD). */
export const DISSATISFIED_AT_OR_BELOW: number = FILE.extra.dissatisfiedAtOrBelow;
