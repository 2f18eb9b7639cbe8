export {
  createLlmReflector,
  type LlmReflector,
  type LlmReflectorOptions,
  type ReflectionCall,
  type ReflectionMode,
  type ReflectionUsage,
} from "./llm-reflector.js";
export {
  extractJSON,
  type ReadReflection,
  type ReadReflectionOptions,
  type ReflectionStatus,
  readReflection,
} from "./read-reflection.js";
export {
  buildReflectionMessages,
  REFLECTION_EXAMPLE,
  REFLECTION_EXAMPLE_KEYS,
  type ReflectionPromptOptions,
  reflectionPrefill,
  summarizeSnapshot,
} from "./reflection-prompt.js";
export {
  createReflectionScheduler,
  type FailedReflection,
  type PendingReflection,
  type ReflectionDecision,
  type ReflectionRequest,
  type ReflectionScheduler,
  type ReflectionSchedulerOptions,
  type ReflectionStats,
} from "./reflection-scheduler.js";
