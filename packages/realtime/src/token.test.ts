import { AttuneError } from "@attune/model";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signToken, verifyToken } from "./token.js";

const secret = "test-secret-0123456789";

async function codeOf(promise: Promise<unknown>): Promise<[string, string]> {
  try {
    await promise;
  } catch (error) {
    if (AttuneError.is(error)) return [error.code, error.message];
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("tokens", () => {
  it("round-trips claims", async () => {
    const token = await signToken({ secret, claims: { workspaceId: "acme", personId: "ada", name: "Ada" } });
    expect(await verifyToken({ secret, token })).toEqual({ workspaceId: "acme", personId: "ada", name: "Ada" });
  });

  it("rejects a missing, malformed, foreign or expired token as unauthorized", async () => {
    expect(await codeOf(verifyToken({ secret, token: undefined }))).toEqual([
      "unauthorized",
      "missing token: connect with auth: { token }",
    ]);
    expect((await codeOf(verifyToken({ secret, token: "abc.def.ghi" })))[0]).toBe("unauthorized");
    const foreign = await signToken({
      secret: "another-secret-987654321",
      claims: { workspaceId: "a", personId: "b" },
    });
    expect(await codeOf(verifyToken({ secret, token: foreign }))).toEqual([
      "unauthorized",
      "token signature is invalid",
    ]);
    const expired = await signToken({ secret, claims: { workspaceId: "a", personId: "b" }, expiresIn: "-1s" });
    expect(await codeOf(verifyToken({ secret, token: expired }))).toEqual(["unauthorized", "token expired"]);
  });

  it("rejects a validly signed token whose claims break the id rules (injection attempt)", async () => {
    const token = await new SignJWT({ ws: "acme'}) MATCH (n) DETACH DELETE n //" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("ada")
      .setIssuer("attune")
      .setAudience("attune-workspace")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(secret));
    expect(await codeOf(verifyToken({ secret, token }))).toEqual(["unauthorized", "token claims are invalid"]);
  });

  it("refuses to sign with a short secret or invalid ids", async () => {
    await expect(signToken({ secret: "short", claims: { workspaceId: "a", personId: "b" } })).rejects.toMatchObject({
      code: "config-invalid",
    });
    await expect(signToken({ secret, claims: { workspaceId: "a b", personId: "b" } })).rejects.toThrow();
  });
});
