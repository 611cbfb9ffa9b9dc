/**
 * The list an agent last looked at (view, sort), so "Back to the list" on a ticket returns there rather than to
 * the default view. Kept for the tab's life only: a new tab starts at the desk's default.
 */
let lastList = '/desk';

export function rememberList(path: string): void {
  lastList = path;
}

export function backToList(): string {
  return lastList;
}
