/**
 * Login-only services (PRODUCT.md, FAQ): the company's site vouches for its logged-in user by
 * signing the user's id with the service's identity secret (HMAC-SHA256, hex), and the widget
 * passes the id and the signature along with the chat request.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChatIdentity } from "../../shared/api.js";
import type { VerifiedIdentity } from "../customers/customers.js";
import { AppError } from "../errors.js";
import type { ServiceRow } from "../services/services.js";

export function identitySignature(secret: string, userId: string): string {
  return createHmac("sha256", secret).update(userId).digest("hex");
}

export function verifyIdentity(service: ServiceRow, identity: ChatIdentity): VerifiedIdentity {
  const expected = Buffer.from(identitySignature(service.identitySecret, identity.userId));
  const given = Buffer.from(identity.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError(
      "identity_invalid",
      403,
      "the identity's signature does not match its user id",
      "identity.signature",
    );
  }
  return { userId: identity.userId, name: identity.name ?? null, email: identity.email ?? null };
}
