/** Customer tokens: signed, scoped to one service and one customer, kept by the widget so a
 *  returning customer keeps one identity and can resume their chat. */
import { Signer } from "@fastify/cookie";

export interface CustomerIdentity {
  serviceId: string;
  customerId: string;
}

export interface CustomerTokens {
  issue(identity: CustomerIdentity): string;
  /** The identity a token proves, or null when it is forged or malformed. */
  read(token: string): CustomerIdentity | null;
}

export function customerTokens(secret: string): CustomerTokens {
  // A distinct key from the session secret's other uses: HMAC with a derived secret.
  const signer = new Signer(`customer-token:${secret}`);
  return {
    issue: ({ serviceId, customerId }) => signer.sign(`${serviceId}.${customerId}`),
    read(token) {
      const result = signer.unsign(token);
      if (!result.valid || !result.value) return null;
      const [serviceId, customerId, ...rest] = result.value.split(".");
      if (!serviceId || !customerId || rest.length > 0) return null;
      return { serviceId, customerId };
    },
  };
}
