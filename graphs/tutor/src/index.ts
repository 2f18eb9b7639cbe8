export { TopicProgressSchema, TutorGraphState, type TutorInput, type TutorState, TutorStateSchema } from "./state.js";
export { type CreateTutorGraphOptions, createTutorGraph } from "./tutor-graph.js";
export { learnerProgress, type TopicProgress, TUTOR_LEVELS, tutorPlan } from "./tutor-policy.js";
