/**
 * `npm run reset-password -- EMAIL`: gives that operator (the administrator who lost the password
 * printed on the first start, say) a new password, prints it once, and logs them out everywhere.
 * On the embedded database, stop the server first: one process at a time may open it.
 */
import { loadConfig } from "../config.js";
import { DatabaseInUse, openDatabase } from "../db/client.js";
import { resetPassword } from "./accounts.js";

const email = process.argv[2];
if (!email) {
  console.error("Usage: npm run reset-password -- EMAIL");
  process.exit(2);
}

const database = await openDatabase(loadConfig()).catch((error: Error) => {
  // Another DATA_DIR would reset another installation's password: the server must stop instead.
  console.error(
    error instanceof DatabaseInUse
      ? `The server (pid ${error.owner}) has the embedded database open: stop it, run this again, then start it.`
      : error.message,
  );
  process.exit(1);
});
try {
  const password = await resetPassword(database.db, email);
  if (password === null) {
    console.error(`No operator has the email ${email}.`);
    process.exitCode = 1;
  } else {
    console.log(`New password for ${email}: ${password}   (shown only this once)`);
  }
} finally {
  await database.close();
}
