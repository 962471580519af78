// Runs first in <body>, as govuk-frontend's page template does inline (kept external for a strict CSP).
document.body.className += ` js-enabled${'noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : ''}`;
