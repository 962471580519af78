import { esc } from './html.js';

/** Where a page's links and assets point: differs between AWS (no prefix) and one machine (`/{associationId}`). */
export interface PageContext {
  associationName: string;
  /** Prefix of the form's own routes as the browser sees them ('' in AWS, '/wrekin' on one machine). */
  basePath: string;
  /** Where govuk-frontend's and Haven's assets are served from (no trailing slash). */
  assetPath: string;
  /** A neutral site the Exit this page button goes to (and replaces the history entry with). */
  exitUrl: string;
  /**
   * The one title every page has, so no history entry or tab names the visit (association config
   * `publicForm.pageTitle`; default "<association name> - Contact us").
   */
  pageTitle?: string;
}

/** The neutral title of every page of the form: the association's own, or "<name> - Contact us". */
export const neutralTitle = (ctx: PageContext): string => ctx.pageTitle ?? `${ctx.associationName} - Contact us`;

/**
 * The GOV.UK page template with "Exit this page" on every page: the skip-link form for keyboard users,
 * the button at the top of the content (Shift three times works anywhere with JS). The title bar is
 * neutral on every page (`page.title` names the page in tests only, never in history); with JS,
 * haven.mjs swaps in the `data-haven-page` part of each next page, so the visit stays one history
 * entry at `data-haven-home`, and Exit, outside that part, is set up once.
 */
export function layout(
  ctx: PageContext,
  page: { title: string; hasErrors?: boolean; main: string; back?: string },
): string {
  const a = esc(ctx.assetPath);
  const exit = esc(ctx.exitUrl);
  const title = `${page.hasErrors ? 'Error: ' : ''}${neutralTitle(ctx)}`;
  const back = page.back ?? '';
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b0c0c">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" sizes="48x48" href="${a}/images/favicon.ico">
<link rel="stylesheet" href="${a}/govuk-frontend.min.css">
<link rel="stylesheet" href="${a}/haven/haven.css">
</head>
<body class="govuk-template__body" data-haven-home="${esc(ctx.basePath)}/report">
<script src="${a}/haven/js-enabled.js"></script>
<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
<a href="${exit}" class="govuk-skip-link govuk-js-exit-this-page-skiplink" rel="nofollow noreferrer">Exit this page</a>
<header class="govuk-template__header">
<section class="govuk-service-navigation" aria-label="Service information" data-module="govuk-service-navigation">
<div class="govuk-width-container"><div class="govuk-service-navigation__container">
<span class="govuk-service-navigation__service-name"><a href="${esc(ctx.basePath)}/report" class="govuk-service-navigation__link">${esc(ctx.associationName)}: tell us about abuse</a></span>
</div></div>
</section>
</header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
<div class="govuk-exit-this-page" data-module="govuk-exit-this-page">
<a href="${exit}" role="button" draggable="false" class="govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button" data-module="govuk-button" rel="nofollow noreferrer"><span class="govuk-visually-hidden">Emergency</span> Exit this page</a>
</div>
<div class="govuk-grid-row" data-haven-page><div class="govuk-grid-column-two-thirds">
${back}
${page.main}
</div></div>
</main>
</div>
<footer class="govuk-footer"><div class="govuk-width-container"><div class="govuk-footer__meta"><div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
<h2 class="govuk-visually-hidden">Support links</h2>
<ul class="govuk-footer__inline-list">
<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${esc(ctx.basePath)}/report?page=cover-your-tracks">Cover your tracks online</a></li>
</ul>
<p class="govuk-body-s">In an emergency call 999. If you cannot speak, call 999 from a mobile and press 55 when asked.</p>
</div></div></div></footer>
<script type="module" src="${a}/haven/haven.mjs"></script>
</body>
</html>`;
}
