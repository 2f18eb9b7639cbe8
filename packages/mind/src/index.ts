export {
  DIRECTIVE_SCOPES,
  type DirectiveScope,
  INTENTS,
  type IntentName,
  PREFERENCES,
  type PreferenceName,
  STATES,
  type StateName,
} from "./dimensions.js";
export {
  type EvalConversation,
  EvalConversationSchema,
  type EvalOutputLine,
  evaluateConversation,
} from "./eval-contract.js";
export {
  createMind,
  type DecayOptions,
  type Experiment,
  type Explanation,
  LEARNED_READERS,
  Mind,
  type MindJSON,
  MindJSONSchema,
  type MindOptions,
  type MindPrior,
  type MindReaders,
  type MindSnapshot,
  type Observation,
  type ObserveOptions,
} from "./mind.js";
export { derivePrior } from "./priors.js";
export {
  HYPOTHESIS_DIMENSION,
  type Hypothesis,
  HypothesisSchema,
  parseReflection,
  type Reflection,
  type ReflectionInput,
  ReflectionSchema,
  type Reflector,
  reflectInto,
} from "./reflection.js";
export { extractSignals, type Perception, perceive, type Signal } from "./signals.js";
export { sharedVocabulary, Vocabulary, type VocabularyJSON } from "./vocabulary.js";
