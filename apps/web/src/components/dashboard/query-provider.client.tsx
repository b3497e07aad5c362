"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { isApiProblem } from "@/lib/auth-client";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages hand their first render's data in as initialData; refetch in the background after that.
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // A 4xx will not improve by asking again (and a 401 has already been through a refresh).
        retry: (failures, error) => !(isApiProblem(error) && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}

/** One QueryClient per browser tab for the dashboard (lists: sessions, tokens, users, roles). */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
