/**
 * Whether the page about to mount was reached by navigation (then its title takes focus) or is the
 * first page of the visit (then focus stays where the browser put it, before the skip link).
 */
let pending = false;

export function markRouteChange(): void {
  pending = true;
}

export function consumeRouteChange(): boolean {
  const was = pending;
  pending = false;
  return was;
}
