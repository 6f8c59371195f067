/** The app's views, addressed by the URL hash so reloads and the back button keep the place. */
export type Route =
  | { view: 'library' }
  | { view: 'dataset'; name: string }
  | { view: 'run'; name: string }
  | { view: 'gallery'; run: string | null }
  | { view: 'translate'; run: string | null }
  | { view: 'lab' }
  | { view: 'settings' };

export function parseRoute(hash: string): Route {
  const [view, param] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (view) {
    case 'dataset':
      return param ? { view: 'dataset', name: param } : { view: 'library' };
    case 'run':
      return param ? { view: 'run', name: param } : { view: 'library' };
    case 'gallery':
    case 'translate':
      return { view, run: param || null };
    case 'lab':
    case 'settings':
      return { view };
    default:
      return { view: 'library' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'dataset':
      return `#/dataset/${encodeURIComponent(route.name)}`;
    case 'run':
      return `#/run/${encodeURIComponent(route.name)}`;
    case 'gallery':
    case 'translate':
      return route.run ? `#/${route.view}/${encodeURIComponent(route.run)}` : `#/${route.view}`;
    default:
      return `#/${route.view}`;
  }
}

export class Router {
  route = $state<Route>(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)));
  }

  go(route: Route): void {
    location.hash = hrefOf(route);
  }
}
