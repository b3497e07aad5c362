/**
 * Key layout. Every value lives in one bentocache stack whose prefix is
 * `<keyPrefix>:<namespace>:v<version>`; a key inside it is `<segment>:<key>`, where the segment is
 * `_` for the root namespace and the dotted child path otherwise (`posts`, `posts.drafts`). Keeping
 * child namespaces inside one stack (rather than bentocache namespaces) keeps tags global to the
 * cache: bentocache stores tag invalidations per namespace.
 */
export const ROOT_SEGMENT = "_";
const TAG_KEY_PREFIX = "___bc:";
const NAMESPACE_NAME = /^[A-Za-z0-9_-]+$/;

export function stackPrefix(keyPrefix: string, namespace: string, version: number): string {
  return `${keyPrefix}:${namespace}:v${version}`;
}

export function assertNamespaceName(name: string): void {
  if (!NAMESPACE_NAME.test(name) || name === ROOT_SEGMENT) {
    throw new TypeError(`cache namespace "${name}" must match ${String(NAMESPACE_NAME)} and not be "_"`);
  }
}

export function internalKey(segment: string, key: string): string {
  return `${segment}:${key}`;
}

/** The implicit tag every entry of a child namespace carries, so `clear()` can reach it in every tier. */
export function namespaceTag(segment: string): string {
  return `__ns:${segment}`;
}

/** The metrics label for an internal key, or undefined for bentocache's own tag bookkeeping keys. */
export function namespaceLabel(root: string, key: string): string | undefined {
  if (key.startsWith(TAG_KEY_PREFIX)) return undefined;
  const end = key.indexOf(":");
  const segment = end === -1 ? ROOT_SEGMENT : key.slice(0, end);
  return segment === ROOT_SEGMENT ? root : `${root}.${segment}`;
}
