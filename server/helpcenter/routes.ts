import fastifyMultipart from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_ATTACHMENT_NAME_LENGTH } from "../../shared/attachment-rules.js";
import type { Attachment } from "../../shared/attachments.js";
import {
  faqEntryBody,
  faqEntryParams,
  faqEntryResponse,
  helpCenterResponse,
  introductionBody,
  MAX_FAQ_QUERY_LENGTH,
  moveFaqEntryBody,
  serviceParams,
} from "../../shared/help-center.js";
import { INQUIRY_HONEYPOT, inquiryFields } from "../../shared/inquiries.js";
import { type Language, pickLanguage } from "../../shared/languages.js";
import { fileSize } from "../../shared/upload.js";
import {
  attachmentLimitsOf,
  discardFormAttachment,
  storeFormAttachment,
} from "../attachments/attachments.js";
import { requireAdministrator } from "../auth/authenticate.js";
import { offeredTypeChoices } from "../categories/categories.js";
import type { AppContext } from "../context.js";
import { AppError, type FieldFault, fieldsFrom, notFound } from "../errors.js";
import { acceptedLanguages, errorPage } from "../pages.js";
import { inquiries } from "../rate-limits.js";
import { loadService, type ServiceWithTexts, textsFor } from "../services/services.js";
import { refusedField } from "../validation.js";
import { embedCode, publicBaseUrl } from "../widget/embed-code.js";
import { receiveInquiry } from "../widget/inquiries.js";
import {
  createFaqEntry,
  deleteFaqEntry,
  faqEntriesOf,
  helpCenterOf,
  introductionOf,
  moveFaqEntry,
  setIntroduction,
  updateFaqEntry,
} from "./faq.js";
import type { InquiryTexts } from "./page-texts.js";
import { pageTexts } from "./page-texts.js";
import {
  entryPage,
  type HelpCenterFrame,
  homePage,
  type InquiryForm,
  inquiryPage,
  inquirySentPage,
  resultsPage,
} from "./pages.js";
import { isOpen, isShown, offersChat, takesInquiries } from "./policy.js";
import { helpCenterLanguage, searchEntries, shownEntries } from "./public.js";

const tags = ["help center"];
const noSuchService = { service_not_found: "no service has this id" };
const noSuchEntry = {
  ...noSuchService,
  faq_entry_not_found: "the service has no FAQ entry with this id",
};
const textRefusals = {
  validation_failed:
    "a language has a title without an answer or an answer without a title, or the service's default language has none (`body.texts.<language>.title` or `.answer`, reason required), a language the service does not speak (reason invalid_choice), or a link to anything but http, https or mailto (reason unsafe_link)",
};

/** Anything a visitor's browser sends: a repeated or odd parameter is no parameter. */
const pageQuery = z.object({
  lang: z.string().max(35).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
});
const pageParams = z.object({ serviceKey: z.string().max(64) });
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const helpCenterRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db, config } = context;

  /** An administrator about to change the help center of a service that exists. */
  async function manage(request: FastifyRequest, serviceId: string) {
    const actor = await requireAdministrator(db, request);
    const service = await loadService(db, serviceId);
    if (!service) throw notFound("service_not_found", "this service");
    return { actorId: actor.id, service };
  }

  app.get(
    "/api/services/:serviceId/help-center",
    {
      schema: {
        tags,
        summary: "A service's help center",
        description:
          "Administrators only. The introduction by language and every FAQ entry in order, published or not.",
        params: serviceParams,
        access: "administrator",
        response: { 200: helpCenterResponse },
        errors: noSuchService,
      },
    },
    async (request) => {
      const { service } = await manage(request, request.params.serviceId);
      return { helpCenter: await helpCenterOf(db, service.id) };
    },
  );

  app.put(
    "/api/services/:serviceId/help-center/introduction",
    {
      schema: {
        tags,
        summary: "Change the help center's introduction",
        description:
          "Administrators only. Replaces the introduction (Markdown like the answers) in every language; a language left out or blank has none.",
        params: serviceParams,
        body: introductionBody,
        access: "administrator",
        response: { 200: introductionBody },
        errors: {
          ...noSuchService,
          validation_failed:
            "`body.introduction.<language>`: a language the service does not speak (reason invalid_choice), or a link to anything but http, https or mailto (reason unsafe_link)",
        },
      },
    },
    async (request) => {
      const change = await manage(request, request.params.serviceId);
      const introduction = await fieldsFrom("body", () =>
        setIntroduction(db, { ...change, introduction: request.body.introduction }),
      );
      return { introduction };
    },
  );

  app.post(
    "/api/services/:serviceId/help-center/faq-entries",
    {
      schema: {
        tags,
        summary: "Add a FAQ entry",
        description:
          "Administrators only. A title and an answer (Markdown: paragraphs, line breaks, bold, italic, lists, http/https/mailto links, inline code) per language, the default language's at least; the entry goes last.",
        params: serviceParams,
        body: faqEntryBody,
        access: "administrator",
        response: { 201: faqEntryResponse },
        errors: { ...noSuchService, ...textRefusals },
      },
    },
    async (request, reply) => {
      const change = await manage(request, request.params.serviceId);
      const faqEntry = await fieldsFrom("body", () =>
        createFaqEntry(db, { ...change, input: request.body }),
      );
      reply.status(201);
      return { faqEntry };
    },
  );

  app.put(
    "/api/services/:serviceId/help-center/faq-entries/:faqEntryId",
    {
      schema: {
        tags,
        summary: "Change a FAQ entry",
        description:
          "Administrators only. Replaces the texts (a language left out is no longer written in) and whether customers see it.",
        params: faqEntryParams,
        body: faqEntryBody,
        access: "administrator",
        response: { 200: faqEntryResponse },
        errors: { ...noSuchEntry, ...textRefusals },
      },
    },
    async (request) => {
      const change = await manage(request, request.params.serviceId);
      const faqEntry = await fieldsFrom("body", () =>
        updateFaqEntry(db, { ...change, id: request.params.faqEntryId, input: request.body }),
      );
      return { faqEntry };
    },
  );

  app.post(
    "/api/services/:serviceId/help-center/faq-entries/:faqEntryId/move",
    {
      schema: {
        tags,
        summary: "Move a FAQ entry",
        description:
          "Administrators only. Puts the entry at `position` (0 first; past the end: last); the others close up around it.",
        params: faqEntryParams,
        body: moveFaqEntryBody,
        access: "administrator",
        response: { 200: faqEntryResponse },
        errors: noSuchEntry,
      },
    },
    async (request) => {
      const change = await manage(request, request.params.serviceId);
      const faqEntry = await moveFaqEntry(db, {
        ...change,
        id: request.params.faqEntryId,
        position: request.body.position,
      });
      return { faqEntry };
    },
  );

  app.delete(
    "/api/services/:serviceId/help-center/faq-entries/:faqEntryId",
    {
      schema: {
        tags,
        summary: "Delete a FAQ entry",
        description: "Administrators only. Customers no longer find it; the audit log keeps it.",
        params: faqEntryParams,
        access: "administrator",
        response: { 204: z.undefined().describe("Deleted") },
        errors: noSuchEntry,
      },
    },
    async (request, reply) => {
      const change = await manage(request, request.params.serviceId);
      await deleteFaqEntry(db, { ...change, id: request.params.faqEntryId });
      return reply.status(204).send();
    },
  );

  // The customers' pages. They change when an administrator saves, so a browser asks again
  // each time (no-cache) rather than keep a copy that would hide a new answer or chat going off.
  const sendPage = (reply: FastifyReply, language: Language, html: string) =>
    reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("vary", "accept-language")
      .header("content-language", language)
      .send(html);

  const notFoundPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    language: Language,
    home?: string,
  ) =>
    reply
      .status(404)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(errorPage(404, language, request.url.split("?")[0] ?? "/", home));

  const candidates = (request: FastifyRequest, lang: string | undefined) => [
    lang,
    ...acceptedLanguages(request.headers["accept-language"]),
  ];

  /** The service of the key with the page's frame, or null when it has no help center. */
  async function open(request: FastifyRequest, key: string, lang: string | undefined) {
    const service = await context.services.byKey(key);
    if (!service || !isOpen(service)) return null;
    const language = helpCenterLanguage(service, candidates(request, lang));
    const frame: HelpCenterFrame = {
      serviceName: service.name,
      serviceKey: service.key,
      language,
      languages: service.texts.map((text) => text.language),
      languageChosen: lang !== undefined && lang.slice(0, 2).toLowerCase() === language,
      chatLauncher: offersChat(service)
        ? embedCode(publicBaseUrl(config, request), service.key, language)
        : null,
      takesInquiries: takesInquiries(service),
    };
    return { service, frame };
  }

  const publishedEntries = async (service: ServiceWithTexts, language: Language) =>
    shownEntries(
      (await faqEntriesOf(db, service.id)).filter(isShown),
      language,
      service.defaultLanguage,
    );

  app.get("/h/:serviceKey", { schema: { hide: true, params: pageParams } }, (request, reply) =>
    reply.redirect(
      `/h/${encodeURIComponent(request.params.serviceKey)}/${request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : ""}`,
      301,
    ),
  );

  app.get(
    "/h/:serviceKey/",
    { schema: { hide: true, params: pageParams, querystring: pageQuery } },
    async (request, reply) => {
      const { lang, q } = request.query;
      const found = await open(request, request.params.serviceKey, lang);
      if (!found) return notFoundPage(request, reply, pickLanguage(candidates(request, lang)));
      const { service, frame } = found;
      const entries = await publishedEntries(service, frame.language);
      const query = (q ?? "").trim().slice(0, MAX_FAQ_QUERY_LENGTH);
      if (query !== "") {
        return sendPage(
          reply,
          frame.language,
          resultsPage(frame, query, searchEntries(entries, query)),
        );
      }
      const introduction = await introductionOf(db, service.id);
      const text = introduction[frame.language] ?? introduction[service.defaultLanguage];
      return sendPage(reply, frame.language, homePage(frame, text, entries));
    },
  );

  app.get(
    "/h/:serviceKey/faq/:faqEntryId",
    {
      schema: {
        hide: true,
        params: pageParams.extend({ faqEntryId: z.string().max(64) }),
        querystring: pageQuery,
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const found = await open(request, request.params.serviceKey, lang);
      if (!found) return notFoundPage(request, reply, pickLanguage(candidates(request, lang)));
      const { service, frame } = found;
      const id = request.params.faqEntryId;
      const entry = uuidPattern.test(id)
        ? (await publishedEntries(service, frame.language)).find((shown) => shown.id === id)
        : undefined;
      if (!entry) {
        return notFoundPage(
          request,
          reply,
          frame.language,
          `/h/${encodeURIComponent(service.key)}/`,
        );
      }
      return sendPage(reply, frame.language, entryPage(frame, entry));
    },
  );

  // The inquiry form's page posts a plain form (no JavaScript): multipart, for its optional file
  // (read as a stream in the route), or its fields as text.
  await app.register(fastifyMultipart, {
    limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 21 },
    // A file past the size limit ends truncated, to be refused beside its field.
    throwFileSizeLimit: false,
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  /** The form around what was typed: the service's processing types by their path's names. */
  async function inquiryForm(
    service: ServiceWithTexts,
    language: Language,
    values: InquiryForm["values"],
    errors: InquiryForm["errors"],
  ): Promise<InquiryForm> {
    const processingTypes = await offeredTypeChoices(db, service, language);
    const texts = textsFor(service, language);
    const limits = await attachmentLimitsOf(db);
    const size = fileSize(limits.maxBytes, language);
    return {
      values,
      errors,
      processingTypes,
      attachment: {
        accept: limits.extensions.map((extension) => `.${extension}`).join(","),
        hint: pageTexts[language].inquiry.attachmentHint(limits.extensions.join(", "), size),
      },
      consentText: texts.consentText,
      privacyPolicyUrl: texts.privacyPolicyUrl,
    };
  }

  const inquiryParams = pageParams;
  const inquiryQuery = pageQuery.extend({
    reference: z.coerce.number().int().positive().optional().catch(undefined),
  });

  app.get(
    "/h/:serviceKey/inquiry",
    { schema: { hide: true, params: inquiryParams, querystring: pageQuery } },
    async (request, reply) => {
      const { lang } = request.query;
      const found = await open(request, request.params.serviceKey, lang);
      if (!found?.frame.takesInquiries) {
        return notFoundPage(request, reply, pickLanguage(candidates(request, lang)));
      }
      const { service, frame } = found;
      return sendPage(
        reply,
        frame.language,
        inquiryPage(frame, await inquiryForm(service, frame.language, {}, {})),
      );
    },
  );

  app.post(
    "/h/:serviceKey/inquiry",
    {
      schema: {
        hide: true,
        params: inquiryParams,
        querystring: pageQuery,
        body: z.record(z.string(), z.unknown()).catch({}),
      },
      config: { rateLimit: inquiries(config.inquiriesPerMinute) },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const found = await open(request, request.params.serviceKey, lang);
      if (!found?.frame.takesInquiries) {
        return notFoundPage(request, reply, pickLanguage(candidates(request, lang)));
      }
      const { service, frame } = found;
      const texts = pageTexts[frame.language].inquiry;
      const { body, file } = request.isMultipart()
        ? await formWithFile(context, service.id, request)
        : { body: request.body as Record<string, unknown>, file: null };
      const typed = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");
      const values: InquiryForm["values"] = {
        name: typed("name"),
        email: typed("email"),
        processingTypeId: typed("processingTypeId"),
        subject: typed("subject"),
        message: typed("message"),
        consent: typed("consent") !== "",
      };
      const sent = (reference: number | null) =>
        reply.redirect(
          `/h/${encodeURIComponent(service.key)}/inquiry/sent?${new URLSearchParams({
            ...(reference ? { reference: String(reference) } : {}),
            ...(frame.languageChosen ? { lang: frame.language } : {}),
          })}`,
          303,
        );
      // Nothing is kept of a refused inquiry: its file goes too (the browser keeps no file input
      // across the page that comes back, so the customer chooses it again).
      const discard = () =>
        file?.attachment ? context.attachments.remove(file.attachment.id) : null;
      if (typed(INQUIRY_HONEYPOT)) {
        await discard();
        return sent(null);
      }
      const input = { ...values, processingTypeId: values.processingTypeId || null };
      const parsed = inquiryFields.safeParse(input);
      let errors: Record<string, string> = file?.refused
        ? { attachment: fileRefusalText(texts, file.refused, frame.language) }
        : {};
      if (parsed.success && !file?.refused) {
        try {
          const { reference } = await receiveInquiry(context, {
            service,
            fields: parsed.data,
            identity: null,
            attachmentId: file?.attachment?.id,
          });
          return sent(reference);
        } catch (error) {
          await discard();
          if (!(error instanceof AppError && error.field)) throw error;
          errors = { [error.field]: refusalText(texts, error.field, error.fault) };
        }
      } else if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0]);
          if (errors[field]) continue;
          errors[field] = refusalText(
            texts,
            field,
            refusedField("", issue.path, issue, input).fault,
          );
        }
      }
      await discard();
      const form = await inquiryForm(service, frame.language, values, errors);
      return sendPage(reply.status(400), frame.language, inquiryPage(frame, form));
    },
  );

  app.get(
    "/h/:serviceKey/inquiry/sent",
    { schema: { hide: true, params: inquiryParams, querystring: inquiryQuery } },
    async (request, reply) => {
      const { lang, reference } = request.query;
      const found = await open(request, request.params.serviceKey, lang);
      if (!found?.frame.takesInquiries) {
        return notFoundPage(request, reply, pickLanguage(candidates(request, lang)));
      }
      return sendPage(reply, found.frame.language, inquirySentPage(found.frame, reference ?? null));
    },
  );
};

/**
 * The form's fields and its file, read in the order the browser sends them: the file is stored as
 * it streams, within the attachment limits (busboy stops at the size limit and marks the file
 * truncated, so the stream always ends), and refused rather than thrown.
 */
async function formWithFile(
  context: AppContext,
  serviceId: string,
  request: FastifyRequest,
): Promise<{
  body: Record<string, unknown>;
  file: { attachment?: Attachment; refused?: FieldFault } | null;
}> {
  const limits = await attachmentLimitsOf(context.db);
  const body: Record<string, unknown> = {};
  let file: { attachment?: Attachment; refused?: FieldFault } | null = null;
  for await (const part of request.parts({ limits: { fileSize: limits.maxBytes } })) {
    if (part.type === "field") {
      body[part.fieldname] = part.value;
      continue;
    }
    // No file chosen: the browser sends an empty part without a name.
    if (!part.filename) {
      part.file.resume();
      continue;
    }
    try {
      const attachment = await storeFormAttachment(context, serviceId, {
        name: part.filename.slice(0, MAX_ATTACHMENT_NAME_LENGTH),
        declaredBytes: null,
        bytes: part.file,
      });
      if (part.file.truncated) {
        await discardFormAttachment(context, attachment.id);
        file = { refused: { field: "attachment", reason: "too_big", limit: limits.maxBytes } };
      } else {
        file = { attachment };
      }
    } catch (error) {
      part.file.resume();
      if (!(error instanceof AppError && error.fault)) throw error;
      file = { refused: { field: "attachment", ...error.fault } };
    }
  }
  return { body, file };
}

function fileRefusalText(texts: InquiryTexts, fault: FieldFault, language: Language): string {
  if (fault.reason === "type_not_allowed") return texts.fileTypeRefused;
  if (fault.reason === "too_big") return texts.fileTooBig(fileSize(fault.limit ?? 0, language));
  if (fault.reason === "content_mismatch") return texts.fileMismatch;
  return texts.required;
}

/** A refused field of the inquiry form in the page's words. */
function refusalText(
  texts: InquiryTexts,
  field: string,
  fault: { reason?: string; limit?: number } | undefined,
): string {
  if (field === "consent") return texts.consentRequired;
  if (field === "processingTypeId") return texts.choose;
  if (fault?.reason === "too_long" && fault.limit) return texts.tooLong(fault.limit);
  if (field === "email" && fault?.reason === "invalid_format") return texts.emailFormat;
  return texts.required;
}
