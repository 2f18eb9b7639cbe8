export { type AttuneServer, type AttuneServerOptions, createAttuneServer } from "./create-server.js";
export { type TeamTurnGraphOptions, teamTurnGraph } from "./team-turn-graph.js";
export type { TurnGraph, TurnGraphFactory, TurnResult, TurnView } from "./turn-runner.js";
