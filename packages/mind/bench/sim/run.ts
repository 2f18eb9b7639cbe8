import type { Plan } from "@attune/model";
import { bestFixedPlan, fixedPolicy, oracle, type PolicySpec } from "./baselines.js";
import type { Profile } from "./model.js";
import { samplePopulation } from "./profile.js";
import { oraclePlan, score, type Wants } from "./reward.js";
import { SimulatedUser, type UserTurn } from "./simulator.js";

export interface TranscriptTurn {
  turn: UserTurn;
  plan: Plan;
  reward: number;
  /** Reward of the oracle plan in the same context (1 by construction). */
  oracle: number;
  wants: Wants;
}

/** One person's conversation with one policy. */
export function converse(profile: Profile, seed: number, spec: PolicySpec, turns: number): TranscriptTurn[] {
  const user = new SimulatedUser(profile, seed, turns);
  const policy = spec.create(profile.id);
  const out: TranscriptTurn[] = [];
  for (let t = 1; t <= turns; t++) {
    const turn = user.nextTurn();
    const truth = user.truth();
    const plan = policy.act(turn, truth);
    const result = user.respond(plan);
    out.push({
      turn,
      plan,
      reward: result.reward,
      oracle: score(oraclePlan(truth.wants), truth.wants).reward,
      wants: truth.wants,
    });
  }
  return out;
}

export interface PolicyRun {
  policy: string;
  /** [turn - 1][person] */
  rewards: number[][];
  oracle: number[][];
  /** Persons whose conversation threw (the policy failed), with the first error. */
  failures: number;
  error?: string;
}

export function runPolicy(spec: PolicySpec, profiles: Profile[], seed: number, turns: number): PolicyRun {
  const rewards: number[][] = Array.from({ length: turns }, () => []);
  const oracleRewards: number[][] = Array.from({ length: turns }, () => []);
  let failures = 0;
  let error: string | undefined;
  for (const profile of profiles) {
    let transcript: TranscriptTurn[];
    try {
      transcript = converse(profile, seed, spec, turns);
    } catch (e) {
      failures += 1;
      error ??= e instanceof Error ? e.message : String(e);
      continue;
    }
    transcript.forEach((x, i) => {
      rewards[i]?.push(x.reward);
      oracleRewards[i]?.push(x.oracle);
    });
  }
  return { policy: spec.name, rewards, oracle: oracleRewards, failures, ...(error ? { error } : {}) };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** Per turn: mean reward as a share of the mean oracle reward in the same contexts. */
export function shareOfOracle(run: PolicyRun): number[] {
  return run.rewards.map((r, i) => mean(r) / mean(run.oracle[i] ?? []));
}

/** Mean share of oracle over turns `from..to` (1-based, inclusive). */
export function windowShare(run: PolicyRun, from: number, to: number): number {
  return mean(shareOfOracle(run).slice(from - 1, to));
}

/**
 * The single plan maximising mean reward over a population (searched once, on its own calibration population):
 * first over the contexts the oracle meets, then over those the fixed plan itself meets.
 */
export function searchFixedPlan(seed: number, people: number, turns: number): Plan {
  const profiles = samplePopulation(seed, people);
  const collect = (spec: PolicySpec) => profiles.flatMap((p) => converse(p, seed, spec, turns).map((x) => x.wants));
  let plan = bestFixedPlan(collect(oracle));
  for (let i = 0; i < 2; i++) plan = bestFixedPlan(collect(fixedPolicy(plan)));
  return plan;
}
