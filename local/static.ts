import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodedPath } from '../functions/adapters/http/path.js';
import { isConsolePage, renderConsolePage } from '../web/console/pages.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const GOVUK = join(ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
const WEB = join(ROOT, 'web');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Static files the browser asks for: `/assets/haven/*` from web/assets, the rest of `/assets/*` from govuk-frontend,
 * `/console/*` from web/console, whose pages are rendered (`render`), as lib/web-content.ts stages them.
 */
const MOUNTS: { prefix: string; dir: string; only?: RegExp; render?: (rel: string) => string | undefined }[] = [
  { prefix: '/assets/haven/', dir: join(WEB, 'assets') },
  // govuk-frontend's CSS expects its fonts and images under /assets/.
  { prefix: '/assets/', dir: join(GOVUK, 'assets'), only: /^(fonts|images)\// },
  { prefix: '/assets/', dir: GOVUK, only: /^govuk-frontend\.min\.(css|js)(\.map)?$/ },
  {
    prefix: '/console/',
    dir: join(WEB, 'console'),
    render: (rel) => (isConsolePage(rel) ? renderConsolePage(rel) : undefined),
  },
];

/** Neutral pages served at the top level (the Exit this page destination). */
const PAGES: Record<string, string> = { '/weather': join(WEB, 'pages', 'weather.html') };

/** A static file for `path`, or undefined; `'malformed'` when its percent-encoding does not decode. Paths cannot climb out of their folder. */
export async function staticFile(path: string): Promise<{ body: Buffer; type: string } | 'malformed' | undefined> {
  const page = PAGES[path];
  if (page) return { body: await readFile(page), type: TYPES['.html'] as string };
  for (const m of MOUNTS) {
    if (!path.startsWith(m.prefix)) continue;
    // A folder path serves its index page, as S3 + CloudFront is set up to.
    const decoded = decodedPath(path.slice(m.prefix.length));
    if (decoded === undefined) return 'malformed';
    const rest = decoded || (m.only ? '' : 'index.html');
    if (m.only && !m.only.test(rest)) continue;
    const file = normalize(join(m.dir, rest));
    if (!file.startsWith(m.dir + sep)) return undefined;
    const rendered = m.render?.(file.slice(m.dir.length + 1));
    if (rendered !== undefined) return { body: Buffer.from(rendered), type: TYPES['.html'] as string };
    try {
      if (!(await stat(file)).isFile()) continue;
    } catch {
      continue;
    }
    return { body: await readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
  }
  return undefined;
}
