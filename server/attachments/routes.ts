import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { messageResponse, serviceKeyParams } from "../../shared/api.js";
import { isImage, MAX_ATTACHMENT_NAME_LENGTH } from "../../shared/attachment-rules.js";
import {
  attachmentFile,
  attachmentLimits,
  attachmentLimitsResponse,
  attachmentParams,
  attachmentResponse,
} from "../../shared/attachments.js";
import { clientId, storable } from "../../shared/chat.js";
import { requireAdministrator, requireOperator } from "../auth/authenticate.js";
import type { Actor } from "../chats/policy.js";
import type { AppContext } from "../context.js";
import { AppError, fieldsFrom, notFound } from "../errors.js";
import { inquiries } from "../rate-limits.js";
import { ownOrigins } from "../widget/embed-code.js";
import { checkEmbeddingOrigin } from "../widget/embedding.js";
import {
  attachmentLimitsOf,
  changeAttachmentLimits,
  openAttachment,
  sendAttachment,
  storeFormAttachment,
} from "./attachments.js";

const uploadQuery = z.object({
  name: storable(z.string().trim().min(1).max(MAX_ATTACHMENT_NAME_LENGTH)),
  clientId,
});

/** Whose request it is: a customer by the token their chat request gave (`Authorization: Bearer`),
 *  or an operator by the console's session. */
async function partyOf(context: AppContext, request: FastifyRequest): Promise<Actor> {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
  if (bearer) {
    const customer = context.customerTokens.read(bearer);
    if (!customer) throw new AppError("unauthenticated", 401, "the customer token is not valid");
    return { role: "customer", customer };
  }
  return { role: "operator", operator: await requireOperator(context.db, request) };
}

/** RFC 6266's filename*, so that any name (Japanese, quotes) reaches the browser as it was. */
const dispositionOf = (kind: "inline" | "attachment", name: string) =>
  `${kind}; filename*=UTF-8''${encodeURIComponent(name)}`;

export const attachmentRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;
  const senders = new WeakMap<FastifyRequest, Actor>();
  const formServices = new WeakMap<FastifyRequest, string>();
  const fileRefusals =
    "`file`: its extension is not accepted (reason type_not_allowed), it is larger than `limit` bytes (too_big), empty (too_small), or its bytes are not what its name says (content_mismatch)";
  const party = "an operator's session, or a customer's token as `Authorization: Bearer`";

  // The upload's body is the file itself, whatever its type: read as a stream, never buffered
  // or parsed (this route only).
  await app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    uploads.post(
      "/api/chats/:chatId/attachments",
      {
        schema: {
          tags: ["chats"],
          summary: "Send a file in a chat",
          description: `The chat's customer or its operator (${party}) sends a file: the request's body is the file's bytes (any content type), its name and the sender's client id are in the query. The file must have one of the accepted extensions and at most the accepted size (GET /api/attachment-limits); its type is read from its bytes, and an image or PDF by name must be one. It becomes a message of the chat whose body is the file's name and whose \`attachment\` describes it; both sides get it as any message. A client id the sender already used answers the message stored then.`,
          access: "party",
          params: z.object({ chatId: z.uuid() }),
          querystring: uploadQuery,
          response: { 201: messageResponse },
          errors: {
            chat_not_found: "no such chat, or not one of the sender's",
            chat_closed: "the chat has ended for the sender",
            validation_failed: fileRefusals,
          },
        },
        // Who sends is known before a byte of the file is read: nobody else's upload is stored.
        onRequest: async (request) => {
          senders.set(request, await partyOf(context, request));
        },
      },
      async (request, reply) => {
        const actor = senders.get(request) as Actor;
        const declared = Number(request.headers["content-length"]);
        const message = await fieldsFrom("body", () =>
          sendAttachment(context, actor, request.params.chatId, request.query.clientId, {
            name: request.query.name,
            declaredBytes: Number.isFinite(declared) ? declared : null,
            // No body at all is an empty file.
            bytes: (request.body as AsyncIterable<Buffer> | undefined) ?? [],
          }),
        );
        return reply.status(201).send({ message });
      },
    );

    uploads.post(
      "/api/widget/services/:serviceKey/inquiry-attachments",
      {
        schema: {
          tags: ["widget"],
          summary: "Send the inquiry form's file",
          description:
            "The widget sends the inquiry form's optional file first (the body is the file's bytes, its name in the query), within the attachment limits as in a chat, and gives the answer's `id` as the form's `attachmentId`. Only the service's people can read it, once the form made its ticket. The same origin rule and the same `inquiries` rate limit hold as for the form.",
          access: "anyone",
          params: serviceKeyParams,
          querystring: uploadQuery.pick({ name: true }),
          response: { 201: attachmentResponse },
          errors: {
            service_not_found: "no service has this key",
            service_archived: "the service is archived: it takes no inquiries",
            origin_not_allowed:
              "the request's `Origin` is another site's, not among the service's allowed origins",
            validation_failed: fileRefusals,
          },
        },
        config: { rateLimit: inquiries(context.config.inquiriesPerMinute) },
        // The service and the page's origin are checked before a byte of the file is read.
        onRequest: async (request) => {
          const { serviceKey } = request.params as { serviceKey: string };
          const service = await context.services.byKey(serviceKey.slice(0, 64));
          if (!service) throw notFound("service_not_found", "this service");
          if (service.archivedAt) {
            throw new AppError("service_archived", 410, "this service is archived");
          }
          checkEmbeddingOrigin(service, request, ownOrigins(context.config, request));
          formServices.set(request, service.id);
        },
      },
      async (request, reply) => {
        const declared = Number(request.headers["content-length"]);
        const attachment = await fieldsFrom("body", () =>
          storeFormAttachment(context, formServices.get(request) as string, {
            name: request.query.name,
            declaredBytes: Number.isFinite(declared) ? declared : null,
            bytes: (request.body as AsyncIterable<Buffer> | undefined) ?? [],
          }),
        );
        return reply.status(201).send({ attachment });
      },
    );
  });

  app.get(
    "/api/attachments/:attachmentId",
    {
      schema: {
        tags: ["chats"],
        summary: "Download an attachment",
        description: `The file's bytes, for its chat's customer and the operators of its service and administrators (${party}). Its \`Content-Type\` is the one read from its bytes, with \`X-Content-Type-Options: nosniff\`; an image is sent \`inline\` (a thumbnail, the full image), anything else as \`Content-Disposition: attachment\`, to be saved, never shown by the browser.`,
        access: "party",
        params: attachmentParams,
        response: { 200: attachmentFile },
        errors: {
          attachment_not_found: "no such attachment, or not one the asker may read",
        },
      },
    },
    async (request, reply) => {
      const actor = await partyOf(context, request);
      const { attachment, bytes } = await openAttachment(
        context,
        actor,
        request.params.attachmentId,
      );
      return (
        reply
          .header("content-type", attachment.contentType)
          .header("content-length", attachment.size)
          .header("x-content-type-options", "nosniff")
          .header(
            "content-disposition",
            dispositionOf(isImage(attachment) ? "inline" : "attachment", attachment.name),
          )
          // An attachment never changes; only the asker's own browser keeps it.
          .header("cache-control", "private, max-age=86400")
          // A stream is sent as it is (the schema's string only names the body for OpenAPI).
          .send(bytes as never)
      );
    },
  );

  app.get(
    "/api/attachment-limits",
    {
      schema: {
        tags: ["chats"],
        summary: "What an attachment may be",
        description:
          "The file name extensions accepted and the largest size, for every service's chats and inquiry form: the widget and the console check a file against them before sending it.",
        access: "anyone",
        response: { 200: attachmentLimitsResponse },
      },
    },
    async () => ({ limits: await attachmentLimitsOf(db) }),
  );

  app.put(
    "/api/attachment-limits",
    {
      schema: {
        tags: ["chats"],
        summary: "Change what an attachment may be",
        description:
          "Administrators set the accepted extensions (lower case, no dot; SVG, HTML, XML and scripts are never accepted) and the largest size in bytes, for every service (the console's Administration › File attachments). Files already sent stay. The change is in the audit log (subject `setting`, id `attachmentLimits`).",
        access: "administrator",
        body: attachmentLimits,
        response: { 200: attachmentLimitsResponse },
      },
    },
    async (request) => {
      const administrator = await requireAdministrator(db, request);
      await changeAttachmentLimits(db, administrator.id, request.body);
      return { limits: request.body };
    },
  );
};
