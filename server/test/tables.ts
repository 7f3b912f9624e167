/** Every table, for tests, the e2e suite and the bench, which set up and check what is stored
 *  directly. Server code queries only the tables of its own feature folder (docs/decisions.md). */
export { chatAssignments } from "../assignment/schema.js";
export { auditLog } from "../audit/schema.js";
export { sessions } from "../auth/schema.js";
export { processingTypes } from "../categories/schema.js";
export { chats, messages } from "../chats/schema.js";
export { customers } from "../customers/schema.js";
export { faqEntries, helpCenters } from "../helpcenter/schema.js";
export { operators } from "../operators/schema.js";
export { operatorConnections } from "../presence/schema.js";
export { memberships, services, serviceTexts } from "../services/schema.js";
export { settings } from "../settings/schema.js";
export { ticketHistory, ticketNotes, tickets } from "../tickets/schema.js";
