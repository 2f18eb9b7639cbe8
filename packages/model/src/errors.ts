/**
 * Every error Attune raises or sends over the wire carries one of these stable codes. This table is
 * the single place they are documented; clients switch on `code`, never on `message`.
 */
export const ERROR_CODES = {
  "invalid-payload": { retryable: false, doc: "The event or body failed its schema; `details` lists the issues." },
  "payload-too-large": { retryable: false, doc: "The event or body exceeds a size limit." },
  unauthorized: { retryable: false, doc: "The token is missing, malformed, expired or wrongly signed." },
  forbidden: { retryable: false, doc: "The caller may not touch this resource (e.g. another workspace's)." },
  "not-found": { retryable: false, doc: "The referenced channel, person or thread does not exist in this workspace." },
  conflict: { retryable: false, doc: "The write conflicts with existing data (e.g. a reused id with other content)." },
  "rate-limited": { retryable: true, doc: "Too many requests; retry after a pause." },
  "graph-unavailable": { retryable: true, doc: "Neo4j could not be reached or refused the transaction." },
  "model-unavailable": { retryable: true, doc: "The language model failed to load or to answer." },
  "config-invalid": { retryable: false, doc: "Environment or options are invalid; the message names the setting." },
  timeout: { retryable: true, doc: "The operation exceeded its time budget." },
  internal: { retryable: true, doc: "An unexpected failure; the server logged the cause." },
} as const satisfies Record<string, { retryable: boolean; doc: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export interface AttuneErrorOptions {
  code: ErrorCode;
  message: string;
  cause?: unknown;
  /** @default the code's entry in `ERROR_CODES` */
  retryable?: boolean;
  /** Structured, client-safe detail (e.g. schema issues). */
  details?: unknown;
}

/**
 * The one base class for Attune errors.
 *
 * @example
 * throw new AttuneError({ code: "not-found", message: `channel ${id} does not exist` });
 */
export class AttuneError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: unknown;

  constructor(options: AttuneErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AttuneError";
    this.code = options.code;
    this.retryable = options.retryable ?? ERROR_CODES[options.code].retryable;
    this.details = options.details;
  }

  /** True for any AttuneError, even one from another copy of this package. */
  static is(value: unknown): value is AttuneError {
    return (
      value instanceof AttuneError ||
      (value instanceof Error && value.name === "AttuneError" && typeof (value as { code?: unknown }).code === "string")
    );
  }
}

/** What crosses the wire: never a stack or a cause, which may hold secrets. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: unknown;
}

/**
 * Maps anything thrown to a wire payload; unknown errors become `internal` with a generic message so
 * internals do not leak to clients.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (AttuneError.is(error)) {
    const payload: ErrorPayload = { code: error.code, message: error.message, retryable: error.retryable };
    if (error.details !== undefined) payload.details = error.details;
    return payload;
  }
  return { code: "internal", message: "internal error", retryable: true };
}
