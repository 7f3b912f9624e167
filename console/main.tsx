import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { App } from "./app/App";
import { startI18n } from "./i18n";
import { AriaLocale } from "./i18n/AriaLocale";
import "./app/styles.css";
import "./app/controls.css";

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

await startI18n();

// A data router, so that leaving unsaved info by any link or the back button can be asked about
// (useBlocker in LeaveGuard); the screens themselves are routed by ConsoleRoutes.
const router = createBrowserRouter([{ path: "*", element: <App /> }], { basename: "/console/" });

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AriaLocale>
        <RouterProvider router={router} />
      </AriaLocale>
    </QueryClientProvider>
  </StrictMode>,
);
