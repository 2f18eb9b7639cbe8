/**
 * When a reply is stored: now, but never before the message it answers (a skewed or fixed clock).
 * History is read in time order, and a reply sorted before its question would leave the question
 * "waiting" on the next turn, so its words would be read into the person's mind twice.
 *
 * @example
 * replyTime({ now: new Date(), answeredAt: state.message.createdAt }); // "2026-…Z"
 */
export function replyTime(options: { now: Date; answeredAt: string }): string {
  const answered = Date.parse(options.answeredAt);
  const now = options.now.getTime();
  return new Date(Number.isNaN(answered) ? now : Math.max(now, answered + 1)).toISOString();
}
