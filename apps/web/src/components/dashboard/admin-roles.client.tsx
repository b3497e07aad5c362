"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import { dangerButton, secondaryButton } from "@/components/auth/styles";
import { type ListOf, type PermissionInfo, type Role, apiRequest, isApiProblem } from "@/lib/auth-client";
import { RoleForm } from "./role-form.client";

const KEY = ["admin", "roles"] as const;

function RoleCard({
  role,
  permissions,
  canManage,
  onMessage,
}: {
  role: Role;
  permissions: readonly PermissionInfo[];
  canManage: boolean;
  onMessage: (message: string | null, error: string | null) => void;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => apiRequest("DELETE", `/admin/roles/${encodeURIComponent(role.name)}`),
    onSuccess: () => onMessage(`The ${role.name} role is deleted.`, null),
    onError: (e) => {
      setConfirming(false);
      onMessage(
        null,
        isApiProblem(e) && e.status === 409
          ? `The ${role.name} role is still assigned to someone, so it cannot be deleted.`
          : isApiProblem(e)
            ? (e.detail ?? e.title)
            : "That did not work. Please try again.",
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const deletable = canManage && !role.builtin;

  return (
    <li className="rounded-2xl border border-line bg-surface p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h3 className="flex flex-wrap items-center gap-2 text-lg font-bold tracking-tight text-fg">
            {role.name}
            {role.builtin && (
              <span className="rounded-full border border-line px-2 py-0.5 text-xs font-medium text-muted">
                built-in
              </span>
            )}
            {role.mfa_required && (
              <span className="rounded-full border border-line px-2 py-0.5 text-xs font-medium text-muted">
                two-step required
              </span>
            )}
          </h3>
          {role.description !== "" && <p className="mt-1 text-muted">{role.description}</p>}
          <p className="mt-1 text-sm text-muted">
            {role.user_count === 1 ? "1 person" : `${role.user_count} people`} · {role.permissions.length}{" "}
            permissions
          </p>
        </div>
        {canManage && !editing && (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={`${secondaryButton} px-3 py-1.5`}
              onClick={() => setEditing(true)}
            >
              Edit<span className="sr-only"> the {role.name} role</span>
            </button>
            {deletable &&
              (confirming ? (
                <>
                  <button
                    type="button"
                    className={`${dangerButton} px-3 py-1.5`}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate()}
                  >
                    Delete {role.name} for good
                  </button>
                  <button
                    type="button"
                    className={`${secondaryButton} px-3 py-1.5`}
                    onClick={() => setConfirming(false)}
                  >
                    Keep it
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className={`${dangerButton} px-3 py-1.5`}
                  onClick={() => setConfirming(true)}
                >
                  Delete<span className="sr-only"> the {role.name} role</span>
                </button>
              ))}
          </div>
        )}
      </div>
      {editing ? (
        <div className="mt-5 border-t border-line pt-5">
          <RoleForm
            role={role}
            permissions={permissions}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              onMessage(`The ${saved.name} role is saved.`, null);
              void queryClient.invalidateQueries({ queryKey: KEY });
            }}
          />
        </div>
      ) : (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-accent">
            Show permissions<span className="sr-only"> of {role.name}</span>
          </summary>
          <ul className="mt-3 flex flex-wrap gap-2">
            {role.permissions.map((p) => (
              <li
                key={p}
                className="rounded-full border border-line bg-bg px-2.5 py-0.5 font-mono text-xs text-fg"
              >
                {p}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function AdminRoles({
  initial,
  permissions,
  canManage,
}: {
  initial: ListOf<Role>;
  permissions: readonly PermissionInfo[];
  canManage: boolean;
}) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const roles = useQuery({
    queryKey: KEY,
    queryFn: () => apiRequest<ListOf<Role>>("GET", "/admin/roles"),
    initialData: initial,
  }).data.data;
  const report = (ok: string | null, failure: string | null) => {
    setMessage(ok);
    setError(failure);
  };

  return (
    <div className="grid gap-10">
      <section aria-labelledby="roles-heading" className="grid gap-4">
        <h2 id="roles-heading" className="text-xl font-bold tracking-tight text-fg">
          All roles
        </h2>
        <FormAlert message={error} />
        <FormStatus>{message}</FormStatus>
        <ul className="grid gap-4">
          {roles.map((role) => (
            <RoleCard
              key={role.name}
              role={role}
              permissions={permissions}
              canManage={canManage}
              onMessage={report}
            />
          ))}
        </ul>
      </section>
      {canManage && (
        <section aria-labelledby="new-role-heading" className="rounded-2xl border border-line bg-surface p-6">
          <h2 id="new-role-heading" className="mb-5 text-xl font-bold tracking-tight text-fg">
            Create a custom role
          </h2>
          <RoleForm
            role={null}
            permissions={permissions}
            onSaved={(saved) => {
              report(`The ${saved.name} role is created.`, null);
              void queryClient.invalidateQueries({ queryKey: KEY });
            }}
          />
        </section>
      )}
    </div>
  );
}
