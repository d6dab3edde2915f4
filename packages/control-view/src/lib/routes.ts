/** The cockpit's pages, parsed from the location path. */
export type Route =
  | { readonly page: 'overview' }
  | { readonly page: 'enterprises' }
  | { readonly page: 'enterprise'; readonly id: string }
  | { readonly page: 'alerts' }
  | { readonly page: 'history' }
  | { readonly page: 'quality' }
  | { readonly page: 'registry' }
  | { readonly page: 'simulation' }
  | { readonly page: 'login' }
  | { readonly page: 'not-found'; readonly path: string };

/** The route of a path (`/enterprises/ent-steel` -> enterprise ent-steel); a trailing slash is ignored. */
export function parseRoute(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '' || clean === '/') return { page: 'overview' };
  const parts = clean.split('/').slice(1);
  const [head, id, ...rest] = parts;
  if (rest.length > 0) return { page: 'not-found', path };
  switch (head) {
    case 'enterprises':
      if (id === undefined) return { page: 'enterprises' };
      try {
        return { page: 'enterprise', id: decodeURIComponent(id) };
      } catch {
        return { page: 'not-found', path };
      }
    case 'alerts':
    case 'history':
    case 'quality':
    case 'registry':
    case 'simulation':
    case 'login':
      return id === undefined ? { page: head } : { page: 'not-found', path };
    case undefined:
    default:
      return { page: 'not-found', path };
  }
}
