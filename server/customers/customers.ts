/** Customers of a service: who asked (new, returning by token, or vouched for by the company's
 *  site), and the customer info operators edit. */
import { and, eq, isNull, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Customer } from "../../shared/chat.js";
import type { Database, Transaction } from "../db/client.js";
import { anyOf } from "../db/columns.js";
import { customerSearchGrams, customerSearchText, customers } from "./schema.js";

export type CustomerRow = typeof customers.$inferSelect;

/** A logged-in user of the company's site, whose id the site signed. */
export interface VerifiedIdentity {
  userId: string;
  name: string | null;
  email: string | null;
}

export function presentCustomer(row: CustomerRow): Customer {
  return { id: row.id, name: row.name, email: row.email, notes: row.notes, version: row.version };
}

/**
 * The customer behind a chat request: the site's user is one customer however many devices they
 * chat from; a returning customer's token names them; anyone else is new.
 */
export async function customerFor(
  db: Database,
  serviceId: string,
  request: { customerId: string | null; identity: VerifiedIdentity | null },
): Promise<CustomerRow> {
  const { identity } = request;
  if (identity) {
    const [verified] = await db
      .insert(customers)
      .values({
        serviceId,
        externalId: identity.userId,
        name: identity.name,
        email: identity.email,
      })
      .onConflictDoUpdate({
        target: [customers.serviceId, customers.externalId],
        // The id is set to itself so that the update has a column (and returns the row) when
        // the site sent neither a name nor an email.
        set: {
          externalId: identity.userId,
          name: identity.name ?? undefined,
          email: identity.email ?? undefined,
          // A new name or email from the site is an edit of the customer info: a form an
          // operator opened before it is then refused as a conflict, not saved over it.
          version: sql`${customers.version} + case when
            (excluded.name is not null and excluded.name is distinct from ${customers.name}) or
            (excluded.email is not null and excluded.email is distinct from ${customers.email})
            then 1 else 0 end`,
        },
      })
      .returning();
    if (!verified) throw new Error("upsert returned no customer");
    return verified;
  }
  if (request.customerId) {
    const [known] = await db
      .select()
      .from(customers)
      .where(and(eq(customers.id, request.customerId), eq(customers.serviceId, serviceId)));
    if (known) return known;
  }
  const [created] = await db.insert(customers).values({ serviceId }).returning();
  if (!created) throw new Error("insert returned no customer");
  return created;
}

/** The name and email a customer gave (the inquiry form), kept where the customer info has none:
 *  what an operator wrote there stays. Raises the version when it fills anything. */
export async function fillCustomerContact(
  db: Database | Transaction,
  customerId: string,
  contact: { name: string; email: string },
): Promise<void> {
  const name = contact.name.trim() || null;
  const email = contact.email.trim() || null;
  await db
    .update(customers)
    .set({
      name: sql`coalesce(${customers.name}, ${name})`,
      email: sql`coalesce(${customers.email}, ${email})`,
      version: sql`${customers.version} + 1`,
    })
    .where(
      and(
        eq(customers.id, customerId),
        or(
          name ? isNull(customers.name) : sql`false`,
          email ? isNull(customers.email) : sql`false`,
        ),
      ),
    );
}

export async function findCustomers(db: Database, ids: string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(customers).where(anyOf(customers.id, ids));
}

/** SQL: the customer whose id the column holds has the words in their name or email, compared as
 *  chat history compares words (search_text: NFKC, lower case; migration 0012), found through
 *  their n-gram index (migration 0016) and then checked. */
export function customerMatching(customerId: SQLWrapper, words: string): SQL<boolean> {
  return sql<boolean>`${customerId} in (
    select ${customers.id} from ${customers} where ${hasWords(words)})`;
}

const hasWords = (words: string) => sql`${customerSearchGrams(customers.name, customers.email)}
    @> search_query_grams(${words})
  and strpos(search_text(${customerSearchText(customers.name, customers.email)}), search_text(${words})) > 0`;

/** The customers with the words, when fewer than `cap` match; undefined when more do. A few are
 *  best found by id (their chats through chats_customer_idx, then sorted); many are best found
 *  by walking the newest chats (customerMatching), which a few would make walk them all:
 *  measured at 100 k chats, 300 ms against 42 ms for a rare name, 5 s against 5 ms for a
 *  common one (docs/benchmarks.md, "Chat history"). */
export async function fewCustomersMatching(
  db: Database,
  words: string,
  cap: number,
): Promise<string[] | undefined> {
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(hasWords(words))
    .limit(cap);
  return rows.length < cap ? rows.map((row) => row.id) : undefined;
}

/** The customer info an operator saves. */
export type CustomerInfo = Pick<CustomerRow, "name" | "email" | "notes">;

/** Locks the customer's row for the rest of the transaction (a save compares its version). */
export async function lockCustomer(tx: Transaction, customerId: string): Promise<CustomerRow> {
  const [row] = await tx.select().from(customers).where(eq(customers.id, customerId)).for("update");
  if (!row) throw new Error(`customer ${customerId} vanished`);
  return row;
}

/** Stores the customer info on a locked row, raising its version when anything differs. */
export async function updateCustomerInfo(
  tx: Transaction,
  customer: CustomerRow,
  info: CustomerInfo,
): Promise<void> {
  const same = (Object.keys(info) as (keyof CustomerInfo)[]).every(
    (key) => info[key] === customer[key],
  );
  if (same) return;
  await tx
    .update(customers)
    .set({ ...info, version: sql`${customers.version} + 1` })
    .where(eq(customers.id, customer.id));
}
