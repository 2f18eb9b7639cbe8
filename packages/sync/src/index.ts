export {
  type AnnounceEvent,
  AnnounceEventSchema,
  type EnterEvent,
  EnterEventSchema,
  type ExitEvent,
  ExitEventSchema,
  MAX_FACT_VALUE,
  type MoveEvent,
  MoveEventSchema,
  type PutEvent,
  PutEventSchema,
  type RecordedEvent,
  WITNESS_EVENT_KINDS,
  type WitnessEvent,
  type WitnessEventKind,
  WitnessEventSchema,
} from "./event.js";
export type { Belief } from "./perspective.js";
export {
  createWitnessLog,
  MAX_PERSPECTIVE_DEPTH,
  type Moment,
  type OutdatedBelief,
  WitnessLog,
  type WitnessLogOptions,
} from "./witness.js";
