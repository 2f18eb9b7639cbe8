export {
  createMind,
  Mind,
  type MindJSON,
  MindJSONSchema,
  type MindSnapshot,
  type Observation,
  type ObserveOptions,
} from "./mind.js";
export { extractSignals, type Signal } from "./signals.js";
