import { asHttpApiEvent, type AnyApiEvent } from '../adapters/http/rest-event.js';
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AssociationConfig } from '../core/association.js';
import type { Report } from '../core/report.js';
import { fieldValue, formToken, parseDangerAnswer, parseReportForm } from '../core/report-form.js';
import { readForm } from './form-body.js';
import type { PageContext } from './layout.js';
import { coverTracksPage, detailsPage, donePage, messagePage, startPage, type Signpost } from './pages.js';

/** What the public form needs: the association, a way to submit a report, and where it is served. */
export interface ReportFormDeps {
  association: Pick<AssociationConfig, 'id' | 'name' | 'areas' | 'nationalServices'>;
  /** Stores the report (intake's submitReport with its deps bound); a repeated key returns the same reference. */
  submit(report: Report, idempotencyKey: string, now: Date): Promise<{ reference: string }>;
  now?: () => Date;
  /** Prefix the browser sees before `/report` ('' in AWS; `/{associationId}` on one machine). */
  basePath?: string;
  /** Where govuk-frontend and Haven assets are served (default `/assets`). */
  assetPath?: string;
  /** The neutral page Exit this page goes to. */
  exitUrl?: string;
  /** Ids and error classes only: never the request body. */
  log?: (entry: { level: 'info' | 'error'; message: string; requestId?: string; error?: string }) => void;
}

type Result = APIGatewayProxyStructuredResultV2;

/** Headers on every page: nothing cached or stored, no referrer, no framing, scripts from the asset origin only. */
export function pageHeaders(assetPath: string): Record<string, string> {
  const assetOrigin = /^https?:\/\//.test(assetPath) ? ` ${new URL(assetPath).origin}` : '';
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': `default-src 'self'${assetOrigin}; script-src 'self'${assetOrigin}; style-src 'self'${assetOrigin}; img-src 'self'${assetOrigin} data:; font-src 'self'${assetOrigin}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  };
}

const REFERENCE = /^[A-Z0-9][A-Z0-9-]{3,30}$/;
const MAX_BODY = 256 * 1024;

/** Builds the public report form as an API Gateway HTTP API (v2) handler: server-rendered GOV.UK pages. */
export function createHandler(deps: ReportFormDeps): (event: AnyApiEvent) => Promise<Result> {
  const ctx: PageContext = {
    associationName: deps.association.name,
    basePath: deps.basePath ?? '',
    assetPath: deps.assetPath ?? '/assets',
    exitUrl: deps.exitUrl ?? 'https://www.bbc.co.uk/weather',
  };
  const headers = pageHeaders(ctx.assetPath);
  const page = (statusCode: number, body: string): Result => ({ statusCode, headers, body });
  const now = deps.now ?? (() => new Date());
  const newToken = () => randomBytes(24).toString('base64url');
  const areas = deps.association.areas.map((a) => ({ id: a.id, name: a.name }));
  const areaIds = areas.map((a) => a.id);
  const signposts: Signpost[] = deps.association.nationalServices
    .filter((s) => s.phone && s.kinds.includes('helpline'))
    .slice(0, 3)
    .map((s) => ({ name: s.name, phone: s.phone, hours: s.hours }));

  return async (received) => {
    const event = asHttpApiEvent(received);
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath.replace(/\/+$/, '') || '/';
    const requestId = event.requestContext.requestId;
    try {
      // One path, as the deployed API routes it (GET and POST /report): the page is a query or a hidden step.
      if (path === '/report' || path === '/') {
        if (method === 'GET') {
          const query = event.queryStringParameters ?? {};
          if (query.page === 'cover-your-tracks') return page(200, coverTracksPage(ctx));
          if (query.page === 'sent') return page(200, donePage(ctx, { reference: query.ref && REFERENCE.test(query.ref) ? query.ref : undefined, signposts }));
          return page(200, startPage(ctx));
        }
        if (method === 'POST') {
          if (event.body && event.body.length > MAX_BODY) return page(413, messagePage(ctx, 'Your report is too long', 'Shorten what you wrote and try again.'));
          const fields = readForm(event);
          if (fieldValue(fields, 'step') !== 'details') {
            const danger = parseDangerAnswer(fields);
            if (!danger.ok) return page(400, startPage(ctx, { errors: danger.errors }));
            return page(200, detailsPage(ctx, { inDanger: danger.inDanger, token: newToken(), areas }));
          }
          const token = formToken(fields) ?? newToken();
          const parsed = parseReportForm(fields, { associationId: deps.association.id, areaIds });
          if (!parsed.ok) {
            const inDanger = fieldValue(fields, 'immediateDanger') === 'yes';
            return page(400, detailsPage(ctx, { inDanger, token, fields, errors: parsed.errors, areas }));
          }
          const { reference } = await deps.submit(parsed.report, token, now());
          deps.log?.({ level: 'info', message: 'report submitted from the public form', requestId });
          return { statusCode: 303, headers: { ...headers, location: `${ctx.basePath}/report?page=sent&ref=${encodeURIComponent(reference)}` }, body: '' };
        }
      }
      return page(404, messagePage(ctx, 'Page not found', 'If you typed the web address, check it is correct.'));
    } catch (error) {
      deps.log?.({ level: 'error', message: 'public form failed', requestId, error: error instanceof Error ? error.name : 'unknown' });
      return page(500, messagePage(ctx, 'Sorry, there is a problem with the service', `Your report has not been sent. Try again later. If you are in danger, call 999. Reference for our support team: ${requestId}`));
    }
  };
}

/**
 * The Lambda entry point: deps built once per container from the environment. Assets come from the
 * web distribution (`ASSET_BASE_URL`, else `${ALLOWED_ORIGIN}/assets`); Exit this page goes to `EXIT_URL`.
 */
export const handler = (() => {
  let built: Promise<(event: APIGatewayProxyEventV2) => Promise<Result>> | undefined;
  return async (event: APIGatewayProxyEventV2): Promise<Result> => {
    built ??= (async () => {
      const [{ depsFromEnvironment }, { reportFormDeps }] = await Promise.all([import('../adapters/deps.js'), import('./from-deps.js')]);
      const deps = await depsFromEnvironment('haven-report-form');
      const origin = process.env.ALLOWED_ORIGIN;
      const assetPath = process.env.ASSET_BASE_URL ?? (origin ? `${origin}/assets` : '/assets');
      return createHandler(reportFormDeps(deps, { assetPath, ...(process.env.EXIT_URL ? { exitUrl: process.env.EXIT_URL } : {}) }));
    })().catch((e: unknown) => {
      built = undefined;
      throw e;
    });
    return (await built)(event);
  };
})();
