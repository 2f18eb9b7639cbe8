export { type AttuneServer, type AttuneServerOptions, createAttuneServer } from "./create-server.js";
