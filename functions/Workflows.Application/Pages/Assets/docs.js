// /docs: Scalar's API reference over the document this app serves. A file, not an inline script, so the page's
// Content-Security-Policy needs no 'unsafe-inline' for scripts. Nothing from a CDN or scalar.com: no fonts, no AI
// agent, no MCP, no developer tools (their buttons reach scalar.com), no telemetry. Colours darkened to WCAG AA (4.5:1).
Scalar.createApiReference('#api-reference', {
  url: '/openapi/v1.json',
  withDefaultFonts: false,
  hideClientButton: true,
  hideDarkModeToggle: true,
  forceDarkModeState: 'light',
  showDeveloperTools: 'never',
  agent: { disabled: true },
  mcp: { disabled: true },
  telemetry: false,
  customCss: [
    '.light-mode, :root {',
    '  --scalar-color-1: #1b1b1b; --scalar-color-2: #3b3b3b; --scalar-color-3: #545454;',
    '  --scalar-color-red: #a3000b; --scalar-color-green: #0e6b3a; --scalar-color-blue: #0b4f8a;',
    '  --scalar-color-orange: #8a4500; --scalar-color-yellow: #6e5400; --scalar-color-purple: #5b2a86;',
    '}',
  ].join('\n'),
});
