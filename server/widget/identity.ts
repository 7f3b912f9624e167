/**
 * Login-only services (PRODUCT.md, FAQ): the company's site vouches for its logged-in user by
 * signing the user's id with the service's identity secret (HMAC-SHA256, hex), and the widget
 * passes the id and the signature along with the chat request.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChatIdentity } from "../../shared/api.js";
import type { VerifiedIdentity } from "../customers/customers.js";
import { AppError } from "../errors.js";
import { identitySecretsOf } from "../services/embed-settings.js";
import type { ServiceRow } from "../services/services.js";

export function identitySignature(secret: string, userId: string): string {
  return createHmac("sha256", secret).update(userId).digest("hex");
}

/** The site's user, when the signature is the user id's under the service's secret (or, for the
 *  grace period after a rotation, under the one before it). */
export function verifyIdentity(
  service: ServiceRow,
  identity: ChatIdentity,
  now = new Date(),
): VerifiedIdentity {
  const given = Buffer.from(identity.signature);
  const signed = identitySecretsOf(service, now).some((secret) => {
    const expected = Buffer.from(identitySignature(secret, identity.userId));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!signed) {
    throw new AppError(
      "identity_invalid",
      403,
      "the identity's signature does not match its user id: sign the user id with the " +
        "service's current identity secret (HMAC-SHA256, hex)",
      "identity.signature",
    );
  }
  return { userId: identity.userId, name: identity.name ?? null, email: identity.email ?? null };
}
