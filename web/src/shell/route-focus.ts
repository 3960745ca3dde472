/**
 * Whether a page title that is mounting should take focus: every page after the first of the
 * visit was reached by navigation (pages mount once per route), so its title takes focus; the
 * first page leaves focus where the browser put it, before the skip link.
 * (A module flag rather than a router effect: a child's effect runs before its layout's, so the
 * layout cannot mark the change in time for the page that mounts with it.)
 */
let firstPageShown = false;

export function consumeRouteChange(): boolean {
  const navigated = firstPageShown;
  firstPageShown = true;
  return navigated;
}
