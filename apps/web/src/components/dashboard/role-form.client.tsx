"use client";

import {
  FieldError,
  FormAlert,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/auth/form-controls";
import { labelClass, secondaryButton } from "@/components/auth/styles";
import { field, requireFields, useApiForm } from "@/components/auth/use-api-form";
import { type PermissionInfo, type Role, apiRequest } from "@/lib/auth-client";

/**
 * Creates a custom role, or edits one. Built-in roles keep their permissions (they come from code),
 * so for them only the description and the MFA policy are editable, as the API allows.
 */
export function RoleForm({
  role,
  permissions,
  onSaved,
  onCancel,
}: {
  role: Role | null;
  permissions: readonly PermissionInfo[];
  onSaved: (role: Role) => void;
  onCancel?: () => void;
}) {
  const prefix = role === null ? "new-role" : `role-${role.name}`;
  const permissionsEditable = role === null || !role.builtin;
  const form = useApiForm<Role>({
    validate: (data) => (role === null ? requireFields(data, { name: "role name" }) : {}),
    submit: (data) => {
      const body: Record<string, unknown> = {
        description: field(data, "description").trim(),
        mfa_required: data.get("mfa_required") === "on",
      };
      if (permissionsEditable) {
        body.permissions = data.getAll("permissions").filter((p): p is string => typeof p === "string");
      }
      return role === null
        ? apiRequest<Role>("POST", "/admin/roles", { name: field(data, "name").trim(), ...body })
        : apiRequest<Role>("PATCH", `/admin/roles/${encodeURIComponent(role.name)}`, body);
    },
    onSuccess: (saved, formElement) => {
      if (role === null) formElement.reset();
      onSaved(saved);
    },
  });

  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid gap-5">
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      {role === null && (
        <TextField
          id={`${prefix}-name`}
          name="name"
          label="Name"
          hint="Lower-case letters, digits and dashes, starting with a letter (e.g. “guest-editor”)."
          maxLength={40}
          spellCheck={false}
          autoComplete="off"
          required
          error={form.fieldErrors.name}
        />
      )}
      <TextAreaField
        id={`${prefix}-description`}
        name="description"
        label="Description (optional)"
        rows={2}
        maxLength={500}
        defaultValue={role?.description ?? ""}
        error={form.fieldErrors.description}
      />
      <div className="flex items-center gap-2.5">
        <input
          id={`${prefix}-mfa`}
          type="checkbox"
          name="mfa_required"
          defaultChecked={role?.mfa_required ?? false}
          className="size-4 accent-[var(--accent)]"
        />
        <label htmlFor={`${prefix}-mfa`} className="text-sm font-medium text-fg">
          People with this role must use two-step verification
        </label>
      </div>
      {permissionsEditable && (
        <fieldset
          aria-describedby={form.fieldErrors.permissions !== undefined ? `${prefix}-perms-error` : undefined}
        >
          <legend className={labelClass}>Permissions</legend>
          <div className="mt-3 grid gap-2 sm:grid-cols-2">
            {permissions.map((p) => (
              <label key={p.name} className="flex items-start gap-2.5 text-sm text-fg">
                <input
                  type="checkbox"
                  name="permissions"
                  value={p.name}
                  defaultChecked={role?.permissions.includes(p.name) ?? false}
                  className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
                />
                <span>
                  <span className="block font-mono text-xs">{p.name}</span>
                  <span className="block text-muted">{p.description}</span>
                </span>
              </label>
            ))}
          </div>
          {form.fieldErrors.permissions !== undefined && (
            <FieldError id={`${prefix}-perms-error`}>{form.fieldErrors.permissions}</FieldError>
          )}
        </fieldset>
      )}
      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={form.pending} pendingLabel="Saving…">
          {role === null ? "Create role" : "Save changes"}
        </SubmitButton>
        {onCancel !== undefined && (
          <button type="button" className={secondaryButton} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
