export {
  type BrainstormSource,
  type CreateBrainstormGraphOptions,
  createBrainstormGraph,
  graphStoreBrainstormSource,
} from "./brainstorm-graph.js";
export { clusterIdeas, DEFAULT_CLUSTER_THRESHOLD } from "./cluster-ideas.js";
export { contentTerms, extractIdeas, ownWords, stem, tokenize } from "./extract-ideas.js";
export { type KnowledgeHint, routeFollowUps } from "./route-follow-ups.js";
export {
  type BrainstormInput,
  type BrainstormMessage,
  BrainstormMessageSchema,
  type BrainstormState,
  BrainstormStateSchema,
  type BrainstormStreamEvent,
  type Cluster,
  ClusterSchema,
  type FollowUp,
  FollowUpSchema,
  type Idea,
  IdeaSchema,
} from "./state.js";
export { buildSynthesisMessages } from "./synthesis-prompt.js";
