/**
 * The server's shape (STYLE.md rules 1 and 4, docs/decisions.md 23), checked by `npm run lint`:
 * the domain code of the feature folders stands in layers, each importing only the layers below
 * it, so no two features' domains import each other; a feature's HTTP edge (its routes.ts) stands
 * above every domain, because it authenticates through auth/; a feature's tables (its schema.ts)
 * are queried only inside its folder. Tests, test helpers, the e2e suite and the bench may reach
 * anything.
 */
const layers = [
  // The ground every feature stands on.
  ["db", "bus", "errors", "config", "paths", "validation", "html", "health", "static", "pages"],
  ["audit"],
  // What a feature's HTTP edge declares its routes with: rate limits, the OpenAPI document.
  ["rate-limits", "openapi"],
  ["settings"],
  ["services"],
  ["presence"],
  ["operators"],
  ["customers"],
  ["categories", "canned-responses"],
  ["assignment"],
  // Below chats, whose summaries name their ticket; a ticket's page reads the chat at the edge.
  ["tickets"],
  ["auth"],
  ["chats"],
  // Files sent in a chat become its messages; the inquiry form takes one too.
  ["attachments"],
  ["widget", "team", "history", "statistics"],
  // The help center's pages carry the widget's embed code.
  ["helpcenter"],
  ["realtime"],
  // The app: what builds and starts everything.
  ["app", "main", "bootstrap", "template-cli", "console"],
];

/** Folders, or single files at the server's top level, as one path pattern. */
const any = (names) => `^server/(${names.join("|")})(/|\\.ts$)`;
const exempt = ["\\.test\\.ts$", "^server/test/"];
const edge = "/routes\\.ts$";
const schema = "/schema\\.ts$";

const upward = layers.flatMap((names, index) => {
  const higher = layers.slice(index + 1).flat();
  if (higher.length === 0) return [];
  return [
    {
      name: `layer-${names.join("-")}`,
      comment: `${names.join(", ")} may not import a higher layer (${higher.join(", ")}): move the code down, or call it from above`,
      severity: "error",
      from: { path: any(names), pathNot: [...exempt, edge, schema] },
      to: { path: any(higher), pathNot: edge },
    },
  ];
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "edges-on-top",
      comment:
        "a feature's routes.ts is an edge: only app.ts registers it, nothing else imports it",
      severity: "error",
      from: { path: "^server/", pathNot: [...exempt, "^server/app\\.ts$"] },
      to: { path: edge },
    },
    {
      name: "schemas-are-tables",
      comment:
        "a schema.ts declares tables: it may import other tables (for keys), db/ and shared/",
      severity: "error",
      from: { path: schema },
      to: { pathNot: [schema, "^server/db/", "^shared/", "node_modules"] },
    },
    {
      name: "own-tables",
      comment:
        "only a feature's own folder queries its tables: call that feature's exported functions (schema files may reference each other's keys)",
      severity: "error",
      from: { path: "^server/([^/]+)/", pathNot: [...exempt, "/schema\\.ts$"] },
      to: { path: "^server/([^/]+)/schema\\.ts$", pathNot: "^server/$1/" },
    },
    {
      name: "context-types-only",
      comment: "context.ts describes the running app: it may import types only",
      severity: "error",
      from: { path: "^server/context\\.ts$" },
      to: { dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular",
      comment: "modules may not import each other in a cycle",
      severity: "error",
      from: { path: "^server/", pathNot: exempt },
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "unlayered",
      comment:
        "every server folder and top-level file has a layer: add it to the list in .dependency-cruiser.cjs",
      severity: "error",
      from: { path: "^server/", pathNot: [...exempt, any([...layers.flat(), "context"])] },
      to: {},
    },
    {
      name: "clients-not-server",
      comment: "the console, the widget and shared/ never depend on the server",
      severity: "error",
      from: { path: "^(console|widget|shared)/" },
      to: { path: "^server/" },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
  },
};
