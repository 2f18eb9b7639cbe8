export { buildReplyMessages, type PromptTurn, planInstructions } from "./reply-prompt.js";
