"use client";

import { useQueryClient } from "@tanstack/react-query";
import { FormAlert, SubmitButton, TextField } from "@/components/auth/form-controls";
import { inputClass, labelClass } from "@/components/auth/styles";
import { field, requireFields, useApiForm } from "@/components/auth/use-api-form";
import { type AdminUser, type Role, apiRequest } from "@/lib/auth-client";

/** Invites someone by email; they set their own password from the link (`/accept-invite`). */
export function InviteUserForm({
  roles,
  onInvited,
}: {
  roles: readonly Role[];
  onInvited: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const form = useApiForm<AdminUser>({
    validate: (data) => requireFields(data, { email: "email address", display_name: "name" }),
    submit: (data) =>
      apiRequest<AdminUser>("POST", "/admin/users/invite", {
        email: field(data, "email").trim(),
        display_name: field(data, "display_name").trim(),
        role: field(data, "role"),
      }),
    onSuccess: (user, formElement) => {
      formElement.reset();
      onInvited(`Invitation sent to ${user.email}.`);
      void queryClient.invalidateQueries({ queryKey: ["admin", "users"] });
    },
  });
  const defaultRole = roles.some((r) => r.name === "author") ? "author" : (roles[0]?.name ?? "");
  return (
    <section aria-labelledby="invite-heading" className="rounded-2xl border border-line bg-surface p-6">
      <h2 id="invite-heading" className="text-xl font-bold tracking-tight text-fg">
        Invite someone
      </h2>
      <form
        ref={form.formRef}
        onSubmit={form.handleSubmit}
        noValidate
        className="mt-5 grid gap-5 md:grid-cols-[1fr_1fr_auto] md:items-start"
      >
        <div className="md:col-span-3">
          <FormAlert message={form.formError} alertRef={form.alertRef} />
        </div>
        <TextField
          id="invite-email"
          name="email"
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          error={form.fieldErrors.email}
        />
        <TextField
          id="invite-name"
          name="display_name"
          label="Name"
          autoComplete="off"
          maxLength={100}
          required
          error={form.fieldErrors.display_name}
        />
        <div>
          <label htmlFor="invite-role" className={labelClass}>
            Role
          </label>
          <select id="invite-role" name="role" defaultValue={defaultRole} className={inputClass}>
            {roles.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name}
              </option>
            ))}
          </select>
          {form.fieldErrors.role !== undefined && (
            <p className="mt-1.5 text-sm text-muted">{form.fieldErrors.role}</p>
          )}
        </div>
        <div className="md:col-span-3">
          <SubmitButton pending={form.pending} pendingLabel="Sending invitation…">
            Send invitation
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
