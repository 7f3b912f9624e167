/** The inquiry form (issue 14): what a customer who cannot chat leaves instead, as a ticket. */
import { z } from "zod";
import { chatIdentity, nameComponents } from "./api.js";
import { language, storable } from "./chat.js";
import {
  MAX_CUSTOMER_EMAIL_LENGTH,
  MAX_CUSTOMER_NAME_LENGTH,
  MAX_INQUIRY_MESSAGE_LENGTH,
  MAX_TICKET_SUBJECT_LENGTH,
} from "./limits.js";

/** The hidden field people never see and bots fill: a filled one is answered as a success and
 *  stored nowhere. Named so that browsers' autofill leaves it alone. */
export const INQUIRY_HONEYPOT = "fax_number";

const text = (max: number) => storable(z.string().trim().min(1).max(max));

/** The form's own fields, in the order a page shows them; the help center's page and the widget
 *  validate with these, so the customer reads the same refusals in both. */
export const inquiryFields = z.object({
  name: text(MAX_CUSTOMER_NAME_LENGTH).describe("The customer's name"),
  email: z
    .email()
    .max(MAX_CUSTOMER_EMAIL_LENGTH)
    .describe("Where operators may answer (nothing is sent to it by Madoguchi itself)"),
  processingTypeId: z
    .uuid()
    .nullable()
    .optional()
    .describe("One of the service's processing types, not retired; null or left out: none"),
  subject: text(MAX_TICKET_SUBJECT_LENGTH).describe("The ticket's subject"),
  message: text(MAX_INQUIRY_MESSAGE_LENGTH).describe("What the customer asks"),
  consent: z
    .literal(true, { error: "the customer must consent to the collection of personal information" })
    .describe("The customer agreed to the collection of personal information"),
});
export type InquiryFields = z.infer<typeof inquiryFields>;

export const inquiryBody = inquiryFields.extend({
  language: language.optional().describe("The customer's language"),
  identity: chatIdentity
    .optional()
    .describe("The site's signed user, for a service that offers chat to logged-in users only"),
  attachmentId: z
    .uuid()
    .optional()
    .describe(
      "The form's file, sent first with POST /api/widget/services/{serviceKey}/inquiry-attachments",
    ),
  [INQUIRY_HONEYPOT]: z
    .string()
    .max(2048)
    .optional()
    .describe("Leave out or empty: a hidden field that only bots fill (spam guard)"),
});
export type InquiryBody = z.infer<typeof inquiryBody>;

export const inquiryResponse = z.object({
  inquiry: z.object({
    reference: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe(
        "The ticket's number, for the customer to quote; null when the honeypot was filled (nothing was stored)",
      ),
  }),
});
export type InquiryResponse = z.infer<typeof inquiryResponse>;

nameComponents([
  [inquiryBody, "Inquiry", "What a customer leaves in the inquiry form"],
  [inquiryResponse, "InquiryReceived", "The reference of the ticket the inquiry became"],
]);
