/** Who is logged in, as server state: `null` means nobody, and the console shows the login. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import type { LoginBody, Operator, OperatorResponse } from "../../shared/api";
import { ApiError, jsonBody, requestJson } from "../../shared/http";

const sessionKey = ["session"] as const;

async function fetchSession(): Promise<Operator | null> {
  try {
    return (await requestJson<OperatorResponse>("/api/auth/me")).operator;
  } catch (error) {
    if (error instanceof ApiError && error.code === "unauthenticated") return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The logged-in operator, given by the console's gate (app/App.tsx) to every screen behind it.
 *  A context rather than the session query: while logging out, the query empties before the
 *  gate has taken the screens away. */
export const OperatorContext = createContext<Operator | null>(null);

export function useOperator(): Operator {
  const operator = useContext(OperatorContext);
  if (!operator) throw new Error("useOperator outside <OperatorContext>");
  return operator;
}

/** Replaces the cached operator, e.g. after a status change. */
export function useSetSession() {
  const queryClient = useQueryClient();
  return (operator: Operator | null) => queryClient.setQueryData(sessionKey, operator);
}

/** The session is gone (expired, or revoked elsewhere): ask the server again. */
export function useRecheckSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: sessionKey });
}

export function useLogin() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      requestJson<OperatorResponse>("/api/auth/login", jsonBody("POST", body)),
    onSuccess: ({ operator }) => setSession(operator),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => requestJson<unknown>("/api/auth/logout", { method: "POST" }),
    onSuccess: () => {
      // Not clear(): that would drop the session query from under the gate's observer, which
      // would then never hear that nobody is logged in. Everything else goes.
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}
