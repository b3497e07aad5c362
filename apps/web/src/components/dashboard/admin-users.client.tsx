"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import { inputClass, labelClass, secondaryButton, successText } from "@/components/auth/styles";
import { type AdminUser, type AdminUserPage, type Role, apiRequest, isApiProblem } from "@/lib/auth-client";
import { InviteUserForm } from "./invite-user-form.client";
import { formatDay } from "./format";

const PAGE_SIZE = 25;
const STATUSES = ["active", "invited", "suspended"] as const;

interface Filters {
  q: string;
  role: string;
  status: string;
}
const NO_FILTERS: Filters = { q: "", role: "", status: "" };

function listPath(filters: Filters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.q !== "") params.set("q", filters.q);
  if (filters.role !== "") params.set("role", filters.role);
  if (filters.status !== "") params.set("status", filters.status);
  if (cursor !== null) params.set("cursor", cursor);
  return `/admin/users?${params.toString()}`;
}

type Report = (message: string | null, error: string | null) => void;

/** PATCH /admin/users/:id, reporting the outcome above the table and refreshing the list. */
function useUpdateUser(user: AdminUser, onDone: Report, onError?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: { role?: string; status?: "active" | "suspended" }) =>
      apiRequest<AdminUser>("PATCH", `/admin/users/${encodeURIComponent(user.id)}`, patch),
    onSuccess: (updated, patch) =>
      onDone(
        patch.role !== undefined
          ? `${updated.display_name} now has the ${updated.role} role.`
          : updated.status === "suspended"
            ? `${updated.display_name} is suspended and signed out everywhere.`
            : `${updated.display_name} is active again.`,
        null,
      ),
    onError: (e) => {
      onError?.();
      onDone(null, isApiProblem(e) ? (e.detail ?? e.title) : "That did not work. Please try again.");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["admin", "users"] }),
  });
}

function RoleEditor({ user, roles, onDone }: { user: AdminUser; roles: readonly Role[]; onDone: Report }) {
  const [role, setRole] = useState(user.role);
  const update = useUpdateUser(user, onDone, () => setRole(user.role));
  const selectId = `role-${user.id}`;
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (role !== user.role) update.mutate({ role });
      }}
    >
      <label htmlFor={selectId} className="sr-only">
        Role for {user.display_name}
      </label>
      <select
        id={selectId}
        value={role}
        onChange={(e) => setRole(e.target.value)}
        className="w-32 rounded-lg border border-line bg-bg px-2.5 py-1.5 text-sm text-fg hover:border-muted"
      >
        {roles.map((r) => (
          <option key={r.name} value={r.name}>
            {r.name}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className={`${secondaryButton} px-3 py-1.5`}
        disabled={update.isPending || role === user.role}
      >
        Save<span className="sr-only"> role for {user.display_name}</span>
      </button>
    </form>
  );
}

function SuspendButton({ user, onDone }: { user: AdminUser; onDone: Report }) {
  const update = useUpdateUser(user, onDone);
  if (user.status === "invited") return <span className="text-muted">Invitation sent</span>;
  return (
    <button
      type="button"
      className={`${secondaryButton} px-3 py-1.5`}
      disabled={update.isPending}
      onClick={() => update.mutate({ status: user.status === "suspended" ? "active" : "suspended" })}
    >
      {user.status === "suspended" ? "Reactivate" : "Suspend"}
      <span className="sr-only"> {user.display_name}</span>
    </button>
  );
}

export function AdminUsers({
  initial,
  roles,
  canManage,
  currentUser,
}: {
  initial: AdminUserPage;
  /** Every role, for the filter. */
  roles: readonly Role[];
  canManage: boolean;
  currentUser: { id: string; role: string };
}) {
  // Only an owner can make or change an owner; the API enforces it, the UI does not offer it.
  const isOwner = currentUser.role === "owner";
  const assignable = roles.filter((r) => r.name !== "owner" || isOwner);
  // Nobody changes their own role or suspends themselves, and only an owner touches an owner.
  const editable = (user: AdminUser) =>
    canManage && user.id !== currentUser.id && (user.role !== "owner" || isOwner);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isDefault = filters.q === "" && filters.role === "" && filters.status === "";
  const users = useInfiniteQuery({
    queryKey: ["admin", "users", filters],
    queryFn: ({ pageParam }) => apiRequest<AdminUserPage>("GET", listPath(filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    ...(isDefault ? { initialData: { pages: [initial], pageParams: [null] } } : {}),
  });
  const rows = users.data?.pages.flatMap((p) => p.data) ?? [];

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === "string" ? v.trim() : "";
    };
    setFilters({ q: text("q"), role: text("role"), status: text("status") });
  }

  const report = (ok: string | null, failure: string | null) => {
    setMessage(ok);
    setError(failure);
  };

  return (
    <div className="grid gap-10">
      {canManage && <InviteUserForm roles={assignable} onInvited={(text) => report(text, null)} />}
      <section aria-labelledby="users-heading" className="grid gap-5">
        <h2 id="users-heading" className="text-xl font-bold tracking-tight text-fg">
          People
        </h2>
        <form
          role="search"
          aria-label="Filter users"
          onSubmit={search}
          className="flex flex-wrap items-end gap-3"
        >
          <div className="min-w-48 flex-1">
            <label htmlFor="users-q" className={labelClass}>
              Name or email
            </label>
            <input id="users-q" name="q" type="search" className={inputClass} maxLength={200} />
          </div>
          <div>
            <label htmlFor="users-role" className={labelClass}>
              Role
            </label>
            <select id="users-role" name="role" className={inputClass} defaultValue="">
              <option value="">Any role</option>
              {roles.map((r) => (
                <option key={r.name} value={r.name}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="users-status" className={labelClass}>
              Status
            </label>
            <select id="users-status" name="status" className={inputClass} defaultValue="">
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={secondaryButton}>
            Search
          </button>
        </form>
        <FormAlert message={error} />
        <FormStatus>{message}</FormStatus>
        {/* Focusable so keyboard users can scroll the table sideways on narrow screens. */}
        <div
          role="region"
          aria-labelledby="users-heading"
          tabIndex={0}
          className="overflow-x-auto rounded-xl border border-line"
        >
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Users{isDefault ? "" : " matching the filters"}</caption>
            <thead className="whitespace-nowrap bg-surface text-xs uppercase tracking-wider text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Person
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Role
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Status
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Last sign-in
                </th>
                {canManage && (
                  <th scope="col" className="px-4 py-3 font-semibold">
                    Actions
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((user) => (
                <tr key={user.id} className="align-middle">
                  <th scope="row" className="px-4 py-3 font-normal">
                    <span className="block font-semibold text-fg">{user.display_name}</span>
                    <span className="block text-muted">{user.email}</span>
                  </th>
                  <td className="px-4 py-3 text-fg">
                    {editable(user) ? (
                      <RoleEditor user={user} roles={assignable} onDone={report} />
                    ) : (
                      user.role
                    )}
                  </td>
                  <td className="px-4 py-3 text-fg">
                    {user.status}
                    <span className="block whitespace-nowrap text-xs text-muted">
                      two-step {user.mfa_enabled ? <span className={successText}>on</span> : "off"}
                      {!user.email_verified && " · email not verified"}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-muted">{formatDay(user.last_login_at)}</td>
                  {canManage && (
                    <td className="px-4 py-3">
                      {editable(user) ? (
                        <SuspendButton user={user} onDone={report} />
                      ) : (
                        <span className="text-muted">{user.id === currentUser.id ? "You" : "Owner"}</span>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && !users.isFetching && <p className="px-4 py-6 text-muted">No users match.</p>}
        </div>
        {users.hasNextPage && (
          <div>
            <button
              type="button"
              className={secondaryButton}
              disabled={users.isFetchingNextPage}
              onClick={() => void users.fetchNextPage()}
            >
              {users.isFetchingNextPage ? "Loading…" : "Show more"}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
