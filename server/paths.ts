import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root folder, found from this file whether it runs from server/ (tests, tsx) or
 *  from dist/server/ (npm start). */
function findPackageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, "package.json"))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error("package.json not found above the server");
    folder = parent;
  }
  return folder;
}

export const packageRoot = findPackageRoot();
export const migrationsFolder = path.join(packageRoot, "server/db/migrations");
/** Built clients: dist/console, dist/widget, dist/widget-loader. */
export const clientBuildFolder = path.join(packageRoot, "dist");
