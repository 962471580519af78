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
    'content-security-policy': [
      `default-src 'self'${assetOrigin}`,
      `script-src 'self'${assetOrigin}`,
      `style-src 'self'${assetOrigin}`,
      `img-src 'self'${assetOrigin} data:`,
      `font-src 'self'${assetOrigin}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  };
}
