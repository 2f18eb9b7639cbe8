import { PREFERENCES, type PreferenceName } from "./dimensions.js";
import type { MindJSON, MindPrior } from "./mind.js";
import { ARMS, type ArmStats, emptyStats, OFFSET, PLAN_DIMENSIONS, statsFromJSON } from "./policy.js";

/**
 * Builds a team or population prior from existing minds: preference means weighted by how sure each
 * mind is, and the policy's experience pooled and shrunk to at most `strength` observations per arm,
 * so a newcomer starts from what worked for similar people and still diverges with their own evidence.
 *
 * @example
 * const prior = derivePrior({ minds: teammates.map((m) => m.toJSON()) });
 * const mind = createMind({ workspaceId, observerId, subjectId: "newcomer", prior });
 */
export function derivePrior(options: {
  minds: MindJSON[];
  /** Most pseudo-observations any one arm or preference may carry. @default 3 */
  strength?: number;
}): MindPrior {
  const strength = options.strength ?? 3;
  const preferences: MindPrior["preferences"] = {};
  for (const name of PREFERENCES) {
    let weighted = 0;
    let weight = 0;
    for (const mind of options.minds) {
      const b = mind.beliefs.find((x) => x.dimension === "preference" && x.key === name);
      if (!b) continue;
      const extra = Math.max(0, b.alpha + b.beta - 4);
      weighted += (b.alpha / (b.alpha + b.beta)) * extra;
      weight += extra;
    }
    if (weight > 0)
      preferences[name as PreferenceName] = {
        mean: weighted / weight,
        weight: Math.min(strength, weight / options.minds.length),
      };
  }
  const global = pool(
    options.minds.map((m) => statsFromJSON(m.policy.global)),
    strength,
  );
  const contextKeys = new Set(options.minds.flatMap((m) => Object.keys(m.policy.contexts)));
  const contexts: Record<string, ArmStats> = {};
  for (const key of contextKeys) {
    contexts[key] = pool(
      options.minds.flatMap((m) => {
        const stats = m.policy.contexts[key];
        return stats ? [statsFromJSON(stats)] : [];
      }),
      strength,
    );
  }
  return { preferences, policy: { global, contexts } };
}

function pool(all: ArmStats[], strength: number): ArmStats {
  const out = emptyStats();
  for (const stats of all) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (stats[i] ?? 0);
  // Shrink each arm's (success, failure) pair to at most `strength` observations, keeping its rate.
  for (const d of PLAN_DIMENSIONS) {
    for (let arm = 0; arm < ARMS[d].length; arm++) {
      const i = OFFSET[d] + 2 * arm;
      const a = out[i] ?? 0;
      const b = out[i + 1] ?? 0;
      const n = a + b;
      if (n > strength) {
        out[i] = (a / n) * strength;
        out[i + 1] = (b / n) * strength;
      }
    }
  }
  return out;
}
