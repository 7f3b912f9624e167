/** Limits shared by the server (which enforces them) and the clients (which tell the user early). */
export const MAX_MESSAGE_LENGTH = 5000;
/** A frame larger than this is refused before it is parsed. */
export const MAX_FRAME_BYTES = 64 * 1024;
export const MAX_CLIENT_ID_LENGTH = 64;
/** After a rotation the previous identity secret is still accepted this long (docs/identity.md). */
export const IDENTITY_SECRET_GRACE_HOURS = 24;
/** How many site origins a service may allow. */
export const MAX_ALLOWED_ORIGINS = 50;
/** Processing types nest this many levels at most (PRODUCT.md, "category management"). */
export const MAX_PROCESSING_TYPE_DEPTH = 3;
export const MAX_PROCESSING_TYPE_NAME_LENGTH = 80;
/** Chats in progress an operator may hold for a new service, unless their own limit says. */
export const DEFAULT_CHAT_LIMIT = 5;
/** A solved ticket closes itself this many days after it was solved (PRODUCT.md, "Tickets"). */
export const SOLVED_TICKET_CLOSES_AFTER_DAYS = 14;
export const MAX_TICKET_SUBJECT_LENGTH = 200;
export const MAX_TICKET_NOTE_LENGTH = 10_000;
/** What a customer writes in the inquiry form's message. */
export const MAX_INQUIRY_MESSAGE_LENGTH = 10_000;
/** Search words (chat history) and a customer's name or email to look for. */
export const MAX_SEARCH_WORDS_LENGTH = 200;
/** Letters other than kana, kanji and hangul are looked up by trigram: a word needs three. */
export const MIN_SEARCH_LETTERS = 3;

/** The longest queue a service may have, and the longest a queued chat may wait. */
export const MAX_QUEUE_LENGTH = 100;
export const MAX_QUEUE_TIMEOUT_MINUTES = 120;
/** Customer info an operator edits (PRODUCT.md, 顧客情報), in code points. */
export const MAX_CUSTOMER_NAME_LENGTH = 200;
export const MAX_CUSTOMER_EMAIL_LENGTH = 254;
export const MAX_CUSTOMER_NOTES_LENGTH = 4000;
/** The longest period statistics cover at once, in days: a year, leap day included. */
export const MAX_STATISTICS_DAYS = 366;
