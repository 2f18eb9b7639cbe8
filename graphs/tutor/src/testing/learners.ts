import { createMind, type Mind } from "@attune/mind";

/** What three learners say about machine learning, from which a mind reads them. */
export const LEARNERS = {
  /** New to the field and confused. */
  newcomer: ["I'm new to machine learning. what is overfitting? I don't get it"],
  /** New too, but has told the tutor how to answer from now on. */
  insistent: ["I'm new to machine learning. what is overfitting? from now on, give me the whole answer all at once"],
  /** Fluent in the field's advanced vocabulary. */
  expert: [
    "we use AdamW with cosine annealing and warmup steps; weight decay and label smoothing fixed the exploding gradients",
    "the bias-variance tradeoff shows in the validation loss; early stopping with gradient clipping and layer normalization helps, and mixture of experts scaling laws matter",
    "I tuned the learning rate schedule, batch normalization and dropout layer for the transformer architecture; kl divergence and contrastive loss were stable",
  ],
} as const;

/** A tutor's mind of a learner after reading their messages (fixed seed: plans sample a policy). */
export function mindOf(
  learner: keyof typeof LEARNERS,
  options: { workspaceId?: string; observerId?: string } = {},
): Mind {
  const mind = createMind({
    workspaceId: options.workspaceId ?? "acme",
    observerId: options.observerId ?? "tutor",
    subjectId: learner,
    seed: 7,
  });
  LEARNERS[learner].forEach((text, i) => {
    mind.observe({
      messageId: `${learner}-${i}`,
      speakerId: learner,
      text,
      at: new Date(Date.UTC(2030, 0, 7, 9, i)).toISOString(),
    });
  });
  return mind;
}
