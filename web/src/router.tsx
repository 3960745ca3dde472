/**
 * The app's routes (react-router). Every path is also served index.html by the assets binding
 * (wrangler.toml not_found_handling), so deep links work; pages past the first load lazily.
 */
import { createBrowserRouter } from "react-router";
import { Layout } from "./shell/Layout.tsx";
import { Home } from "./pages/Home.tsx";
import { NotFound } from "./pages/NotFound.tsx";

export const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: "new/book", lazy: async () => ({ Component: (await import("./pages/NewBook.tsx")).NewBook }) },
      {
        path: "new/manga",
        lazy: async () => ({ Component: (await import("./pages/NewManga.tsx")).NewManga }),
      },
      {
        path: "new/brief",
        lazy: async () => ({ Component: (await import("./pages/NewBrief.tsx")).NewBrief }),
      },
      { path: "runs/:id", lazy: async () => ({ Component: (await import("./pages/Run.tsx")).Run }) },
      {
        path: "runs/:id/results",
        lazy: async () => ({ Component: (await import("./pages/Results.tsx")).Results }),
      },
      { path: "gateway", lazy: async () => ({ Component: (await import("./pages/Gateway.tsx")).Gateway }) },
      {
        path: "settings",
        lazy: async () => ({ Component: (await import("./pages/Settings.tsx")).Settings }),
      },
      { path: "team", lazy: async () => ({ Component: (await import("./pages/Team.tsx")).Team }) },
      { path: "join/:token", lazy: async () => ({ Component: (await import("./pages/Join.tsx")).Join }) },
      { path: "*", element: <NotFound /> },
    ],
  },
]);
