import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** A password for someone to read off a terminal once: 16 URL-safe characters, 96 random bits. */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

/** argon2id with the library's defaults (OWASP's recommended memory and time costs). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A hash to verify against when the email is unknown, so a wrong email takes as long as a
 *  wrong password and does not tell which accounts exist. */
export const unknownAccountHash = hash("not a real password: no account has it");
