import { AttuneError } from "@attune/model";
import { Neo4jError } from "neo4j-driver";

/** Turns driver failures into AttuneErrors so callers see one error vocabulary. */
export function mapNeo4jError(error: unknown, action: string): AttuneError {
  if (AttuneError.is(error)) return error;
  if (error instanceof Neo4jError) {
    if (error.code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
      return new AttuneError({ code: "conflict", message: `${action}: conflicts with existing data`, cause: error });
    }
    if (error.retriable || error.code === "ServiceUnavailable" || error.code === "SessionExpired") {
      return new AttuneError({ code: "graph-unavailable", message: `${action}: Neo4j unavailable`, cause: error });
    }
    if (error.code.startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
      return new AttuneError({ code: "timeout", message: `${action}: timed out`, cause: error });
    }
  }
  return new AttuneError({ code: "internal", message: `${action} failed`, cause: error });
}
