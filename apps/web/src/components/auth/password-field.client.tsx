"use client";

import { useId, useState } from "react";
import { TextField, type TextFieldProps } from "./form-controls";

/**
 * A password input with a "show password" switch, so people can check what they typed instead of
 * typing it twice. `autoComplete` tells password managers whether to fill or to generate.
 */
export function PasswordField({
  className,
  ...props
}: Omit<TextFieldProps, "type" | "autoComplete"> & { autoComplete: "current-password" | "new-password" }) {
  const [visible, setVisible] = useState(false);
  const toggleId = useId();
  return (
    <div className={className}>
      <TextField {...props} type={visible ? "text" : "password"} spellCheck={false} />
      <div className="mt-2 flex items-center gap-2">
        <input
          id={toggleId}
          type="checkbox"
          checked={visible}
          onChange={(e) => setVisible(e.target.checked)}
          className="size-4 accent-[var(--accent)]"
        />
        <label htmlFor={toggleId} className="text-sm text-muted">
          Show password
        </label>
      </div>
    </div>
  );
}
