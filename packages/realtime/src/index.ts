export {
  type CreateRealtimeServerOptions,
  createRealtimeServer,
  type RealtimeEmitter,
  type RealtimeHandlers,
  type RealtimeServer,
  type Session,
} from "./server.js";
export { signToken, verifyToken } from "./token.js";
