export {
  type CreateSupportDeskGraphOptions,
  createSupportDeskGraph,
  houseRules,
  SupportDeskGraphState,
  type SupportDeskInput,
  type SupportDeskState,
  SupportDeskStateSchema,
} from "./custom-graph.js";
