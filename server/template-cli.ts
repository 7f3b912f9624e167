/** `npm run build`'s last step: the embedded database's template (db/pglite-template.ts), holding
 *  what every installation starts with that no setting decides: the demo service (bootstrap.ts). */
import { createDemoService } from "./bootstrap.js";
import { builtTemplate, prepareSpare, writeTemplate } from "./db/pglite-template.js";

const started = performance.now();
await writeTemplate(builtTemplate, async (db) => ({
  demoServiceId: await db.transaction((tx) => createDemoService(tx)),
}));
// The first start after npm install renames it into place instead of copying the template.
await prepareSpare(builtTemplate);
console.log(`${builtTemplate} written in ${Math.round(performance.now() - started)} ms`);
