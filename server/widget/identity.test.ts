import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatListResponse } from "../../shared/api.js";
import { buildOperator, buildService, post } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { services } from "../test/tables.js";
import { identitySignature } from "./identity.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function loginOnlyService() {
  const service = await buildService(server);
  await server.app.context.db
    .update(services)
    .set({ loginRequired: true })
    .where(eq(services.id, service.id));
  const operator = await buildOperator(server, { services: [service], status: "online" });
  return { service, operator };
}

const ask = (serviceKey: string, identity?: object) =>
  post(server, "/api/widget/chats", {
    serviceKey,
    consent: true,
    channel: "help_center",
    identity,
  });

describe("a service that offers chat to logged-in users only", () => {
  it("refuses a customer the site has not vouched for", async () => {
    const { service } = await loginOnlyService();
    const response = await ask(service.key);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { code: "identity_required", field: "body.identity" },
    });
  });

  it("refuses an identity whose signature does not match", async () => {
    const { service } = await loginOnlyService();
    const response = await ask(service.key, {
      userId: "user-42",
      signature: identitySignature("not the service's secret", "user-42"),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { code: "identity_invalid", field: "body.identity.signature" },
    });
  });

  it("starts the chat for a signed user and shows the operator who they are", async () => {
    const { service, operator } = await loginOnlyService();
    const response = await ask(service.key, {
      userId: "user-42",
      name: "Hana Sato",
      email: "hana@example.com",
      signature: identitySignature(service.identitySecret, "user-42"),
    });
    expect(response.status).toBe(201);
    const { chat } = (await response.json()) as { chat: { id: string } };
    const listed = await fetch(`${server.url}/api/chats`, { headers: { cookie: operator.cookie } });
    const mine = ((await listed.json()) as ChatListResponse).chats.find(
      (row) => row.id === chat.id,
    );
    expect(mine?.customer).toMatchObject({ name: "Hana Sato", email: "hana@example.com" });
  });

  it("raises the customer's version when the site vouches a new name, so an operator's older form cannot save over it", async () => {
    const { service, operator } = await loginOnlyService();
    const asUser = (name: string) =>
      ask(service.key, {
        userId: "user-7",
        name,
        signature: identitySignature(service.identitySecret, "user-7"),
      });
    const versionAfter = async (name: string) => {
      const { chat } = (await (await asUser(name)).json()) as { chat: { id: string } };
      const listed = await fetch(`${server.url}/api/chats`, {
        headers: { cookie: operator.cookie },
      });
      const row = ((await listed.json()) as ChatListResponse).chats.find(
        (entry) => entry.id === chat.id,
      );
      return row?.customer.version;
    };
    const first = await versionAfter("Ken");
    expect(await versionAfter("Ken")).toBe(first);
    expect(await versionAfter("Ken Ito")).toBe((first ?? 0) + 1);
  });
});

describe("the signing examples of docs/identity.md", () => {
  /** The doc's code block in that language, run as a site would, then asked for one user id. */
  async function signWithExample(language: "js" | "python", userId: string, secret: string) {
    const doc = await readFile(new URL("../../docs/identity.md", import.meta.url), "utf8");
    const code = doc.match(new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``))?.[1];
    if (!code) throw new Error(`docs/identity.md has no ${language} example`);
    const env = { ...process.env, MADOGUCHI_IDENTITY_SECRET: secret };
    const [command, args] =
      language === "js"
        ? [
            process.execPath,
            [
              "--input-type=module",
              "-e",
              `${code}\nprocess.stdout.write(madoguchiSignature(process.argv[1]));`,
            ],
          ]
        : [
            "python3",
            ["-c", `${code}\nimport sys\nprint(madoguchi_signature(sys.argv[1]), end="")`],
          ];
    const { stdout } = await promisify(execFile)(command, [...args, userId], { env });
    return stdout;
  }

  it.each(["js", "python"] as const)(
    "%s signs as the server checks, for any user id",
    async (language) => {
      const secret = "b5e2a0c4d6f8e1a3c5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9";
      for (const userId of ["42", "ユーザー-42"]) {
        expect(await signWithExample(language, userId, secret)).toBe(
          identitySignature(secret, userId),
        );
      }
    },
  );
});
