/** Site-wide identity used by the layout, metadata and structured data. */
export const SITE_NAME = "Folio";
export const SITE_DESCRIPTION = "Stories, essays and notes from the people behind Folio.";
/** localStorage key of the reader's explicit theme choice ("light" | "dark"). */
export const THEME_STORAGE_KEY = "folio-theme";
