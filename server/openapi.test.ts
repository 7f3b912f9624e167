/**
 * The OpenAPI document is what integrators read: every operation says what it does, who may call
 * it, what it takes and answers (named components), every refusal with its code and when, and
 * its rate limit. A route added without any of these fails here (server/openapi.ts says how a
 * route states them).
 */
import fastifySwagger from "@fastify/swagger";
import Fastify from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type ErrorCode, errorCode, errorStatus } from "../shared/errors.js";
import { openApiOptions } from "./openapi.js";
import { startTestServer, type TestServer } from "./test/harness.js";
import { validateWithZod, zodSchemaController } from "./validation.js";

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ in?: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, Response>;
  "x-rate-limit"?: { name: string; rule: string };
}
interface Document {
  openapi: string;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, unknown>;
    securitySchemes?: Record<string, unknown>;
  };
}

const ref = (name: string) => `#/components/schemas/${name}`;

/** What an integrator would miss in each operation, as sentences naming it. */
function problemsOf(document: Document): string[] {
  const problems: string[] = [];
  const tags = new Map(document.tags?.map((tag) => [tag.name, tag.description]));
  const components = document.components?.schemas ?? {};
  const schemes = document.components?.securitySchemes ?? {};
  const isComponent = (schema?: { $ref?: string }) =>
    Object.keys(components).some((name) => schema?.$ref === ref(name));
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const problem = (text: string) => problems.push(`${method.toUpperCase()} ${path}: ${text}`);
      if (!operation.summary?.trim()) problem("no summary");
      if (!operation.description?.trim()) problem("no description");
      if (!operation.tags?.length) problem("no tag");
      for (const tag of operation.tags ?? []) {
        if (!tags.get(tag)) problem(`tag "${tag}" is not a feature with a description`);
      }
      if (!operation.security) problem("no security (access)");
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) {
          if (!schemes[scheme]) problem(`security scheme "${scheme}" is not declared`);
        }
      }
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        if (!isComponent(media.schema)) problem(`request body (${type}) is not a named component`);
      }

      const responses = Object.entries(operation.responses ?? {});
      if (!responses.some(([status]) => status.startsWith("2"))) problem("no success response");
      const codes = new Map<ErrorCode, string>();
      for (const [status, response] of responses) {
        if (!response.description?.trim() || response.description === "Default Response") {
          problem(`response ${status} has no description`);
        }
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (!isComponent(media.schema)) problem(`response ${status} (${type}) is not named`);
        }
        if (Number(status) < 400) continue;
        if (response.content?.["application/json"]?.schema?.$ref !== ref("Error")) {
          problem(`response ${status} is not an Error`);
        }
        // Each case: "`code`: when it comes."
        for (const line of response.description?.split("\n\n") ?? []) {
          const code = errorCode.safeParse(line.match(/^`(\w+)`: \S/)?.[1]).data;
          if (!code) problem(`response ${status} has a case without a code and its when: ${line}`);
          else if (String(errorStatus[code]) !== status) problem(`${code} is not a ${status}`);
          else codes.set(code, line);
        }
      }
      if (codes.size === 0) problem("no error responses");
      if ((operation.requestBody || operation.parameters) && !codes.has("validation_failed")) {
        problem("takes input but documents no validation_failed");
      }
      if (operation.security?.length && !codes.has("unauthenticated")) {
        problem("needs a session but documents no unauthenticated");
      }
      const roles = operation.security?.flatMap((requirement) => Object.values(requirement).flat());
      if (roles?.includes("administrator") && !codes.has("not_allowed")) {
        problem("is for administrators but documents no not_allowed");
      }
      const limit = operation["x-rate-limit"];
      if (limit && !codes.get("rate_limited")?.includes(`"${limit.name}"`)) {
        problem(`its limit "${limit.name}" has no 429 naming it`);
      }
    }
  }
  return problems;
}

let server: TestServer;
let document: Document;
beforeAll(async () => {
  server = await startTestServer();
  document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Document;
});
afterAll(() => server.close());

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1, generated from the route schemas", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/auth/me",
        "/api/chats",
        "/api/chats/{chatId}/open",
        "/api/widget/chats",
        "/api/widget/services/{serviceKey}",
        "/api/operators/me/status",
      ]),
    );
    expect(document.paths["/api/widget/chats"]?.post?.requestBody?.content).toEqual({
      "application/json": { schema: { $ref: ref("ChatRequest") } },
    });
    expect(document.components?.schemas?.ChatRequest).toMatchObject({
      properties: { consent: { const: true } },
    });
  });

  it("describes every operation fully: summary, description, feature, access, named bodies, every refusal", () => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(5);
    expect(problemsOf(document)).toEqual([]);
  });

  it("groups the operations by the product's features, each described", () => {
    expect(document.tags?.map((tag) => tag.name)).toEqual([
      "auth",
      "chats",
      "operators",
      "services",
      "audit",
      "widget",
      "canned responses",
      "categories",
      "tickets",
      "history",
      "statistics",
      "help center",
    ]);
    const tagsOf = (path: string, method: string) => document.paths[path]?.[method]?.tags;
    expect(tagsOf("/api/auth/login", "post")).toEqual(["auth"]);
    expect(tagsOf("/api/chats/{chatId}/open", "post")).toEqual(["chats"]);
    expect(tagsOf("/api/widget/chats", "post")).toEqual(["widget"]);
    expect(tagsOf("/api/services/{serviceId}/processing-types", "get")).toEqual(["categories"]);
    expect(tagsOf("/api/audit", "get")).toEqual(["audit"]);
    expect(tagsOf("/api/chats/{chatId}/ticket", "post")).toEqual(["tickets"]);
    expect(tagsOf("/api/tickets", "get")).toEqual(["tickets"]);
    expect(tagsOf("/api/tickets/{ticketId}", "patch")).toEqual(["tickets"]);
    expect(tagsOf("/api/history/chats", "get")).toEqual(["history"]);
    expect(tagsOf("/api/statistics", "get")).toEqual(["statistics"]);
    expect(tagsOf("/api/services/{serviceId}/help-center", "get")).toEqual(["help center"]);
  });

  it("says who may call each operation: the session cookie, an administrator's, or anyone", () => {
    expect(document.components?.securitySchemes?.operatorSession).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "madoguchi_session",
    });
    const securityOf = (path: string, method: string) => document.paths[path]?.[method]?.security;
    expect(securityOf("/api/chats", "get")).toEqual([{ operatorSession: [] }]);
    expect(securityOf("/api/operators", "get")).toEqual([{ operatorSession: ["administrator"] }]);
    expect(securityOf("/api/auth/login", "post")).toEqual([]);
    expect(securityOf("/api/widget/chats", "post")).toEqual([]);
  });

  it("is kept by the server: an operation that needs a session refuses a request without one", async () => {
    const checked: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        // A body or a required query is validated before the session is looked at: those are
        // left to their tests.
        const requiredQuery = operation.parameters?.some((p) => p.in === "query" && p.required);
        if (!operation.security?.length || operation.requestBody || requiredQuery) continue;
        const url = path.replace(/\{\w+\}/g, crypto.randomUUID());
        const response = await fetch(`${server.url}${url}`, { method: method.toUpperCase() });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(["get /api/chats", "get /api/operators"]));
  });

  it("documents the login and chat-request limits with their 429, as the server applies them", () => {
    const login = document.paths["/api/auth/login"]?.post;
    expect(login?.["x-rate-limit"]).toEqual({
      name: "login",
      rule: "10 a minute for one email from one address",
    });
    expect(login?.responses?.["429"]?.description).toContain('"login"');
    const chatRequest = document.paths["/api/widget/chats"]?.post;
    expect(chatRequest?.["x-rate-limit"]?.name).toBe("chat-requests");
    expect(chatRequest?.responses?.["429"]?.description).toContain('"chat-requests"');
  });

  it("finds what a route added without its documentation lacks", async () => {
    const app = Fastify({ schemaController: zodSchemaController });
    validateWithZod(app);
    await app.register(fastifySwagger, openApiOptions);
    const routes: FastifyPluginAsyncZod = async (routes) => {
      routes.post(
        "/api/undocumented/:id",
        {
          schema: {
            tags: ["tickets"],
            params: z.object({ id: z.uuid() }),
            body: z.object({ name: z.string() }),
            response: { 200: z.object({ ok: z.boolean() }) },
          },
        },
        async () => ({ ok: true }),
      );
    };
    await app.register(routes);
    await app.ready();
    const problems = problemsOf(app.swagger() as unknown as Document);
    await app.close();
    const at = (text: string) => `POST /api/undocumented/{id}: ${text}`;
    expect(problems).toEqual(
      expect.arrayContaining([
        at("no summary"),
        at("no description"),
        at("no security (access)"),
        at("request body (application/json) is not a named component"),
        at("response 200 has no description"),
        at("response 200 (application/json) is not named"),
      ]),
    );
  });
});
