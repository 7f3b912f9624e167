/** `npm run build`'s last step: the embedded database's template (pglite-template.ts). */
import { builtTemplate, writeTemplate } from "./pglite-template.js";

const started = performance.now();
await writeTemplate(builtTemplate);
console.log(`${builtTemplate} written in ${Math.round(performance.now() - started)} ms`);
