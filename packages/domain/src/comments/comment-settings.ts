import type { SiteSettingsRepository } from "@folio/database";
import {
  CommentSettingsSchema,
  DEFAULT_COMMENT_SETTINGS,
  type CommentSettings,
  type UpdateCommentSettingsBody,
} from "@folio/types";

/** The `site_settings` key of the comment settings. */
export const COMMENT_SETTINGS_KEY = "comments";

/**
 * The stored comment settings over the defaults. A value that no longer fits (a field removed or
 * out of range after an upgrade) falls back field by field, so a bad row never breaks commenting.
 */
export async function loadCommentSettings(
  settings: Pick<SiteSettingsRepository, "get">,
): Promise<CommentSettings> {
  const stored = await settings.get(COMMENT_SETTINGS_KEY);
  const result: CommentSettings = { ...DEFAULT_COMMENT_SETTINGS };
  if (typeof stored !== "object" || stored === null) return result;
  const record = stored as Record<string, unknown>;
  const shape = CommentSettingsSchema.shape;
  const moderation = shape.moderation.safeParse(record.moderation);
  if (moderation.success) result.moderation = moderation.data;
  const maxDepth = shape.max_depth.safeParse(record.max_depth);
  if (maxDepth.success) result.max_depth = maxDepth.data;
  const threshold = shape.report_threshold.safeParse(record.report_threshold);
  if (threshold.success) result.report_threshold = threshold.data;
  return result;
}

export async function saveCommentSettings(
  settings: Pick<SiteSettingsRepository, "get" | "set">,
  patch: UpdateCommentSettingsBody,
  updatedBy: string,
): Promise<CommentSettings> {
  const current = await loadCommentSettings(settings);
  const next: CommentSettings = {
    moderation: patch.moderation ?? current.moderation,
    max_depth: patch.max_depth ?? current.max_depth,
    report_threshold: patch.report_threshold ?? current.report_threshold,
  };
  await settings.set(COMMENT_SETTINGS_KEY, next, updatedBy);
  return next;
}
