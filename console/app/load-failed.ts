import { ApiError } from "../../shared/http";

/** What to tell a person whose screen's data did not come: that nothing answered (their network,
 *  or the server is down), or that the server answered with an error (a reload may do). */
export function loadFailedKey(error: unknown): "app.loadFailed" | "app.serverFailed" {
  return error instanceof ApiError && error.code !== "network_error"
    ? "app.serverFailed"
    : "app.loadFailed";
}
