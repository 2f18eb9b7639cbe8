export { type AttuneServer, type AttuneServerOptions, createAttuneServer } from "./create-server.js";
export type { TurnResult } from "./turn-runner.js";
