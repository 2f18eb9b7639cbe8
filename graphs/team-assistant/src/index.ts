export { type TurnInput, type TurnState, TurnStateSchema, type TurnStreamEvent } from "./state.js";
export {
  type CreateTeamAssistantGraphOptions,
  createTeamAssistantGraph,
  type TurnStore,
} from "./team-assistant-graph.js";
