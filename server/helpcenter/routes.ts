import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
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
import { type Language, pickLanguage } from "../../shared/languages.js";
import { requireAdministrator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { fieldsFrom, notFound } from "../errors.js";
import { acceptedLanguages, errorPage } from "../pages.js";
import { loadService, type ServiceWithTexts } from "../services/services.js";
import { embedCode, publicBaseUrl } from "../widget/embed-code.js";
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
import { entryPage, type HelpCenterFrame, homePage, resultsPage } from "./pages.js";
import { isOpen, isShown, offersChat } from "./policy.js";
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
};
