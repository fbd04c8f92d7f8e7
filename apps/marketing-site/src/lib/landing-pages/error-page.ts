/** The 404 / 410 body of a landing page address: plain, no tenant data, nothing to run. */
export function errorPage(status: 404 | 410): string {
  const [title, text] =
    status === 410 ? ["This page is gone", "The organization that published this page no longer exists."] : ["Page not found", "There is no published page at this address."];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1.25rem;color:#1f2937}h1{color:#111827}</style></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
}
