/** `npm run build`'s last step: the embedded database's template (db/pglite-template.ts), holding
 *  what every installation starts with that no setting decides: the demo service (bootstrap.ts). */
import { createDemoService } from "./bootstrap.js";
import { builtTemplate, writeTemplate } from "./db/pglite-template.js";

const started = performance.now();
await writeTemplate(builtTemplate, (db) => db.transaction((tx) => createDemoService(tx)));
console.log(`${builtTemplate} written in ${Math.round(performance.now() - started)} ms`);
