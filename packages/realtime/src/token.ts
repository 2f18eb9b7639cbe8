import { AttuneError, type TokenClaims, TokenClaimsSchema } from "@attune/model";
import { errors, jwtVerify, SignJWT } from "jose";

const ISSUER = "attune";
const AUDIENCE = "attune-workspace";

function key(secret: string): Uint8Array {
  if (secret.length < 16) {
    throw new AttuneError({ code: "config-invalid", message: "the token secret must be at least 16 characters" });
  }
  return new TextEncoder().encode(secret);
}

/**
 * Signs an access token for a person in a workspace (HS256 JWT).
 *
 * @example
 * const token = await signToken({ secret, claims: { workspaceId: "acme", personId: "ada" } });
 */
export async function signToken(options: {
  secret: string;
  claims: TokenClaims;
  /** Lifetime, as a jose duration string.
   * @default "30d" */
  expiresIn?: string;
}): Promise<string> {
  const claims = TokenClaimsSchema.parse(options.claims);
  const jwt = new SignJWT({ ws: claims.workspaceId, ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.personId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "30d");
  return jwt.sign(key(options.secret));
}

/**
 * Verifies a token and returns its claims; any failure is an `unauthorized` AttuneError whose message
 * says what was wrong without echoing the token.
 */
export async function verifyToken(options: { secret: string; token: unknown }): Promise<TokenClaims> {
  if (typeof options.token !== "string" || options.token.length === 0) {
    throw new AttuneError({ code: "unauthorized", message: "missing token: connect with auth: { token }" });
  }
  if (options.token.length > 4096) {
    throw new AttuneError({ code: "unauthorized", message: "token too long" });
  }
  try {
    const { payload } = await jwtVerify(options.token, key(options.secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    const parsed = TokenClaimsSchema.safeParse({
      workspaceId: payload.ws,
      personId: payload.sub,
      ...(typeof payload.name === "string" ? { name: payload.name } : {}),
    });
    if (!parsed.success) throw new AttuneError({ code: "unauthorized", message: "token claims are invalid" });
    return parsed.data;
  } catch (error) {
    if (AttuneError.is(error)) throw error;
    const message =
      error instanceof errors.JWTExpired
        ? "token expired"
        : error instanceof errors.JWSSignatureVerificationFailed
          ? "token signature is invalid"
          : "token is malformed or invalid";
    throw new AttuneError({ code: "unauthorized", message, cause: error });
  }
}
