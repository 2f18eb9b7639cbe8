import { createHash } from "node:crypto";

/**
 * A person's message id derives from who sent it and the client's own id, so a client retrying after
 * a lost ack gets the same message instead of a duplicate.
 */
export function messageIdFor(options: { workspaceId: string; personId: string; clientMessageId: string }): string {
  const digest = createHash("sha256")
    .update(`${options.workspaceId}\u0000${options.personId}\u0000${options.clientMessageId}`)
    .digest("base64url")
    .slice(0, 22);
  return `msg-${digest}`;
}

/** The reply to a message has a predictable id, so deltas can be matched before the reply is stored. */
export const replyIdFor = (messageId: string) => `${messageId}.reply`;
