/** The dimensions of a mind and their value sets (DESIGN §2, and the evaluation contract). */
export const STATES = ["confused", "rushed", "skeptical", "frustrated", "playful", "engaged"] as const;
export type StateName = (typeof STATES)[number];

export const INTENTS = ["learn", "explore", "debug", "decide", "persuade", "create", "unstuck", "chat"] as const;
export type IntentName = (typeof INTENTS)[number];

/**
 * Preference poles, each −1..1: +1 = more thorough / examples first / faster / warmer / more novelty /
 * more tolerant of ambiguity / wants more pushback.
 */
export const PREFERENCES = [
  "verbosity",
  "examplesFirst",
  "pace",
  "warmth",
  "novelty",
  "ambiguityTolerance",
  "challenge",
] as const;
export type PreferenceName = (typeof PREFERENCES)[number];

export const DIRECTIVE_SCOPES = ["turn", "session", "persistent"] as const;
export type DirectiveScope = (typeof DIRECTIVE_SCOPES)[number];
