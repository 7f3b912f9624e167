/**
 * The OpenAPI document (/api/openapi.json), what integrators read, generated from the routes.
 * A REST route says, beside its zod schemas:
 *
 *   schema: {
 *     tags: ["chats"],                      // a feature of `tags` below
 *     summary: "Open a chat",
 *     description: "What it does, for whom, and what follows.",
 *     access: "operator",                   // anyone | operator | administrator
 *     params: chatParams,
 *     response: { 200: chatResponse },      // bodies named in shared/api.ts's components
 *     errors: { chat_not_found: "when this code comes" },
 *   },
 *
 * and the document gets its security and its error responses (status, code, when) from that:
 * the route's own `errors`, those of its access (401 unauthenticated, 403 not_allowed), of its
 * input (400 validation_failed, invalid_json), 500, and a 429 naming the limit of a
 * `config.rateLimit` from rate-limits.ts. server/openapi.test.ts fails on a route that lacks any.
 */
import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ErrorCode, errorStatus } from "../shared/errors.js";
import type { NamedRateLimit } from "./rate-limits.js";
import { validateWithZod, zodSchemaController } from "./validation.js";

/** The product's features, as the document groups its operations. A tag no route has yet is left
 *  out of the document. */
const tags = {
  auth: "Operators log in and out. Logging in sets the session cookie that authenticates the console's requests and its WebSocket.",
  chats:
    "An operator's chats: the live ones, opening one, and whom it can be handed to. Messages and the chat's changes travel over the WebSocket (docs/protocol.md).",
  operators:
    "Operators' status (online, break, offline) and, for administrators, the team's presence and load and its management: accounts, roles, chat limits, services, deactivation and password resets.",
  services:
    "The services (a company's products or brands): those an operator serves and, for administrators, every one with its settings (chat on/off, texts per language, assignment), created, changed and archived here.",
  audit:
    "The audit log: who changed which setting, membership, operator or category, from what to what, and when. For administrators.",
  widget:
    "What the chat widget calls from the companies' sites, without a session: a service's chat availability and a customer's chat request.",
  "canned responses":
    "A service's canned responses: texts its operators insert by title or shortcut, per language. Administrators manage them.",
  categories: "Processing types: a tree of up to three levels per service, for classifying chats.",
  tickets:
    "Tickets made from chats and from the inquiry form: the list with its filters, a ticket's page (notes, history, the chat's transcript or the form's content), and the changes the service's operators make. A solved ticket closes itself after 14 days; a closed one no longer changes.",
  history:
    "Chat history: every chat of the services an operator may see, searched by conditions and by words in the conversation, and one chat's record and transcript.",
  statistics: "Counts and times of chats per service, operator and period.",
  "help center":
    "A service's help center, as administrators manage it: the introduction and the FAQ entries (question and Markdown answer per language, order, published). Customers read it as pages at /h/<serviceKey>/.",
} as const;
export type Tag = keyof typeof tags;

/** party: a chat's customer (their token) or an operator (the session). */
export type Access = "anyone" | "operator" | "administrator" | "party";

declare module "fastify" {
  interface FastifySchema {
    /** Who may call the route: its security in the document (the handler enforces it). */
    access?: Access;
    /** The refusals of this route's own, each code with when it comes; those of its access and
     *  its input are added. */
    errors?: Partial<Record<ErrorCode, string>>;
  }
}

/** The session cookie set by POST /api/auth/login (auth/sessions.ts names it). */
const SESSION = "operatorSession";
/** The token POST /api/widget/chats gives a customer. */
const CUSTOMER = "customerToken";

const security: Record<Access, Array<Record<string, string[]>>> = {
  anyone: [],
  operator: [{ [SESSION]: [] }],
  // OpenAPI 3.1 lets a cookie's requirement name the role it needs.
  administrator: [{ [SESSION]: ["administrator"] }],
  party: [{ [SESSION]: [] }, { [CUSTOMER]: [] }],
};

const accessErrors: Record<Access, Partial<Record<ErrorCode, string>>> = {
  anyone: {},
  operator: { unauthenticated: "no session cookie, or its session has ended: log in" },
  administrator: {
    unauthenticated: "no session cookie, or its session has ended: log in",
    not_allowed: "the operator is not an administrator",
  },
  party: {
    unauthenticated:
      "neither a session cookie nor a valid customer token (`Authorization: Bearer`)",
  },
};

export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: "3.1.0",
    info: {
      title: "Madoguchi API",
      version: "0.1.0",
      description: [
        "The REST API of Madoguchi, a live-chat help desk. The console and the widget use it; so may your own tools.",
        "**Operators** log in with POST /api/auth/login, which sets the session cookie `madoguchi_session` (HttpOnly, SameSite=Strict, 14 days); every operator route needs it, and administrator routes need an administrator's. **Customers** need no session: POST /api/widget/chats answers with a `customerToken` that authenticates their WebSocket and, given back on their next request, keeps them one customer.",
        "**Refusals** carry an `Error` body: a stable `code`, a `message`, and for a wrong input the `field` at fault as a dotted path (`body.email`), the `reason` and the `limit` it passed. Each operation lists its codes and when they come. A request's input is checked before its session, so a malformed request gets 400 even without one. Bodies are JSON, at most 256 KB.",
        "**Rate limits** are named; a request past one is answered 429 `rate_limited`, its message naming the limit, with `Retry-After` in seconds. The operations they apply to say so (`x-rate-limit`).",
        "Messages, typing, reads and the chats' changes travel over the WebSocket at `/ws`: see docs/protocol.md.",
      ].join("\n\n"),
    },
    components: {
      securitySchemes: {
        [SESSION]: {
          type: "apiKey",
          in: "cookie",
          name: "madoguchi_session",
          description: "The session of a logged-in operator (POST /api/auth/login sets it).",
        },
        [CUSTOMER]: {
          type: "http",
          scheme: "bearer",
          description:
            "A customer's token, from POST /api/widget/chats: routes a chat's customer calls over HTTP (attachments) take it as `Authorization: Bearer <token>`.",
        },
      },
    },
  },
  transform: (input) => {
    const { access, errors = {}, ...schema } = input.schema ?? {};
    const result = jsonSchemaTransform({ ...input, schema });
    if (result.schema.hide) return result;
    const { body, params, querystring } = schema;
    const limit = input.route.config?.rateLimit as NamedRateLimit | undefined;
    const refusals = merge([
      access ? accessErrors[access] : {},
      params || querystring || body
        ? {
            validation_failed:
              "a field is missing or malformed: `field` names it (`body.email`), `reason` says why and `limit` gives the length or number it passed",
          }
        : {},
      body ? { invalid_json: "the body is not JSON" } : {},
      errors,
      limit?.name ? { rate_limited: `past the limit "${limit.name}": ${limit.rule}` } : {},
      { internal_error: "the server failed; try again" },
    ]);
    const documented: Record<string, unknown> = {
      ...result.schema,
      response: {
        ...successResponses(schema.response, result.schema.response),
        ...errorResponses(refusals),
      },
    };
    if (access) documented.security = security[access];
    if (limit?.name) documented["x-rate-limit"] = { name: limit.name, rule: limit.rule };
    return { ...result, schema: documented };
  },
  transformObject: (input) => onlyWhatIsUsed(jsonSchemaTransformObject(input)),
};

/** Several lists of codes as one; a code in several says each of its cases. */
function merge(lists: Array<Partial<Record<ErrorCode, string>>>) {
  const merged: Partial<Record<ErrorCode, string>> = {};
  for (const list of lists) {
    for (const [code, when] of Object.entries(list) as Array<[ErrorCode, string]>) {
      merged[code] = merged[code] ? `${merged[code]}; or ${when}` : when;
    }
  }
  return merged;
}

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };

/** One response per status, naming each of its codes and when it comes. */
function errorResponses(refusals: Partial<Record<ErrorCode, string>>) {
  const byStatus = new Map<number, string[]>();
  for (const [code, when] of Object.entries(refusals) as Array<[ErrorCode, string]>) {
    const status = errorStatus[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${code}\`: ${when}.`]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, cases]) => [
      status,
      {
        description: cases.join("\n\n"),
        content: errorContent,
        ...(status === 429 && {
          headers: {
            "retry-after": {
              type: "integer",
              description: "Seconds until the limit lets a request in again",
            },
          },
        }),
      },
    ]),
  );
}

/** A success response is described by its body's component (shared/api.ts), or by the schema's
 *  own description when it has no body: swagger would say "Default Response". */
function successResponses(zodSchemas: unknown, jsonSchemas: unknown) {
  const documented: Record<string, unknown> = {};
  const json = (jsonSchemas ?? {}) as Record<string, { description?: string; type?: string }>;
  for (const [status, schema] of Object.entries(json)) {
    const zodSchema = (zodSchemas as Record<string, z.ZodType>)[status];
    const description = zodSchema && z.globalRegistry.get(zodSchema)?.description;
    documented[status] =
      schema.type === "null" || !description
        ? schema
        : { description, content: { "application/json": { schema } } };
  }
  return documented;
}

interface Document {
  paths?: unknown;
  tags?: Array<{ name: string }>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * The zod provider gives every named schema twice, as input (`LoginInput`) and as output
 * (`Login`), whichever the routes use; and the tags list every feature, whether or not it has
 * routes yet. The document keeps the components the operations refer to, and the tags they
 * carry.
 */
function onlyWhatIsUsed<T>(generated: T): T {
  const document = generated as Document;
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const usedTags = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) {
      for (const entry of value) visit(entry, key === "tags" ? "tag" : undefined);
    } else if (key === "tag" && typeof value === "string") {
      usedTags.add(value);
    } else if (value && typeof value === "object") {
      for (const [name, child] of Object.entries(value)) visit(child, name);
    } else if (key === "$ref" && typeof value === "string") {
      const name = value.replace("#/components/schemas/", "");
      if (!used.has(name)) {
        used.add(name);
        visit(schemas[name]);
      }
    }
  };
  visit(document.paths);
  // An input used alone keeps its plain name.
  const renamed = new Map(
    [...used]
      .filter((name) => name.endsWith("Input") && !used.has(name.slice(0, -"Input".length)))
      .map((name) => [name, name.slice(0, -"Input".length)]),
  );
  const named = (name: string) => renamed.get(name) ?? name;
  const refs = /"#\/components\/schemas\/(\w+)"/g;
  const relinked = JSON.parse(
    JSON.stringify({ paths: document.paths, schemas }).replace(
      refs,
      (_ref, name: string) => `"#/components/schemas/${named(name)}"`,
    ),
  ) as { paths: unknown; schemas: Record<string, unknown> };
  return {
    ...generated,
    paths: relinked.paths,
    tags: Object.entries(tags)
      .filter(([name]) => usedTags.has(name))
      .map(([name, description]) => ({ name, description })),
    components: {
      ...document.components,
      schemas: Object.fromEntries(
        Object.entries(relinked.schemas)
          .filter(([name]) => used.has(name))
          .map(([name, schema]) => [named(name), schema]),
      ),
    },
  };
}

/**
 * The document of the routes registered on `app` from now on, made on its first request.
 * @fastify/swagger loads `yaml` as it is registered (75-90 ms of every start here) for a document
 * most runs are never asked for: `app` only records its routes, and the first request replays
 * them, schema and config, into an instance of their own that has swagger.
 */
export function openApiDocument(app: FastifyInstance): () => Promise<unknown> {
  const routes: RouteOptions[] = [];
  app.addHook("onRoute", (route) => {
    // Fastify adds each GET's HEAD itself, again in the replay; swagger leaves them out.
    if (route.method !== "HEAD") routes.push(route);
  });
  let document: Promise<unknown> | undefined;
  const make = async () => {
    const { default: fastifySwagger } = await import("@fastify/swagger");
    const documented = Fastify({ schemaController: zodSchemaController });
    validateWithZod(documented);
    await documented.register(fastifySwagger, openApiOptions);
    for (const { method, url, schema, config } of routes) {
      documented.route({ method, url, schema, config, handler: () => null });
    }
    await documented.ready();
    const made = documented.swagger();
    await documented.close();
    return made;
  };
  return () => {
    // A failed attempt is not kept: the next request tries again.
    document ??= make().catch((error: unknown) => {
      document = undefined;
      throw error;
    });
    return document;
  };
}
