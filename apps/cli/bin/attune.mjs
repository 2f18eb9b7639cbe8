#!/usr/bin/env node
// Runs the CLI from source (no build step): tsx compiles TypeScript on the fly.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
