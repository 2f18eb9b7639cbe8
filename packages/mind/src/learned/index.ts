/**
 * Learned readers: small linear text classifiers trained at build time on public data
 * (`pnpm --filter @attune/mind train`), shipped as weights in `packages/mind/weights/`. Pure and
 * deterministic; the models are module-level singletons and one turn's text is featurized once.
 */
export {
  CLARIFICATION_THRESHOLDS,
  type Clarification,
  readClarification,
  readClarificationNeed,
} from "./clarification.js";
export { FEATURIZER, type Features, type FeaturizerConfig, featurize } from "./featurize.js";
export { DISSATISFIED_AT_OR_BELOW, readSatisfaction } from "./satisfaction.js";
export { readStates, STATE_NAMES, STATE_THRESHOLDS, type StateName, type States } from "./states.js";
