"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  FormAlert,
  FormStatus,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/auth/form-controls";
import { field, requireFields, useApiForm } from "@/components/auth/use-api-form";
import { type AccountUser, apiRequest } from "@/lib/auth-client";

/** Empty inputs clear the optional fields (the API stores null). */
function optional(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

export function ProfileForm({ user }: { user: AccountUser }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useApiForm<AccountUser>({
    validate: (data) => requireFields(data, { display_name: "name" }),
    submit: (data) => {
      setSaved(false);
      return apiRequest<AccountUser>("PATCH", "/me", {
        display_name: field(data, "display_name").trim(),
        bio: optional(field(data, "bio")),
        website_url: optional(field(data, "website_url")),
        avatar_url: optional(field(data, "avatar_url")),
      });
    },
    onSuccess: () => {
      setSaved(true);
      // The name and picture also appear in the navigation, rendered on the server.
      router.refresh();
    },
  });

  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="grid max-w-xl gap-6">
      <FormAlert message={form.formError} alertRef={form.alertRef} />
      <FormStatus>{saved && "Your profile is saved."}</FormStatus>
      <TextField
        name="display_name"
        label="Name"
        autoComplete="name"
        defaultValue={user.display_name}
        maxLength={100}
        required
        error={form.fieldErrors.display_name}
      />
      <TextAreaField
        name="bio"
        label="Short bio (optional)"
        hint="A sentence or two shown on your author page."
        defaultValue={user.bio ?? ""}
        maxLength={1000}
        error={form.fieldErrors.bio}
      />
      <TextField
        name="website_url"
        label="Website (optional)"
        type="url"
        autoComplete="url"
        inputMode="url"
        placeholder="https://example.org"
        defaultValue={user.website_url ?? ""}
        error={form.fieldErrors.website_url}
      />
      <TextField
        name="avatar_url"
        label="Picture URL (optional)"
        type="url"
        inputMode="url"
        hint="An https link to a square image. Leave empty to show your initials."
        defaultValue={user.avatar_url ?? ""}
        error={form.fieldErrors.avatar_url}
      />
      <div>
        <SubmitButton pending={form.pending} pendingLabel="Saving…">
          Save profile
        </SubmitButton>
      </div>
    </form>
  );
}
