/**
 * The forms' stylesheet (served as `/forms.css`; a landing page may inline it under its nonce).
 * Theme through custom properties on any ancestor: --mg-accent, --mg-text, --mg-bg, --mg-border,
 * --mg-error. Colours meet WCAG AA on the defaults in light and dark.
 */
export const LEAD_FORM_CSS = `
.mg-form{--mg-accent:#4338ca;--mg-text:#0f172a;--mg-muted:#475569;--mg-bg:#fff;--mg-border:#94a3b8;--mg-error:#b91c1c;color:var(--mg-text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:36rem}
@media (prefers-color-scheme:dark){.mg-form{--mg-accent:#a5b4fc;--mg-text:#f1f5f9;--mg-muted:#cbd5e1;--mg-bg:#0f172a;--mg-border:#64748b;--mg-error:#fca5a5}}
.mg-hp{position:absolute!important;left:-10000px!important;width:1px;height:1px;overflow:hidden}
.mg-step{border:0;margin:0 0 1rem;padding:0;min-width:0}
.mg-step[hidden]{display:none}
.mg-step-title{font-weight:600;margin-bottom:.75rem;padding:0}
.mg-step-count{color:var(--mg-muted);font-weight:400}
.mg-field{margin:0 0 1rem;border:0;padding:0}
.mg-label{display:block;font-weight:600;margin-bottom:.25rem;padding:0}
.mg-required{color:var(--mg-muted);font-weight:400;font-size:.875em}
.mg-form input:not([type=checkbox]):not([type=hidden]),.mg-form select,.mg-form textarea{box-sizing:border-box;width:100%;padding:.5rem .75rem;border:1px solid var(--mg-border);border-radius:.375rem;background:var(--mg-bg);color:var(--mg-text);font:inherit}
.mg-form :focus-visible{outline:2px solid var(--mg-accent);outline-offset:2px}
.mg-field-checkbox{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}
.mg-field-checkbox input{margin-top:.3rem;width:1.1rem;height:1.1rem}
.mg-field-checkbox label{flex:1}
.mg-field-checkbox .mg-error,.mg-field-checkbox .mg-help{flex-basis:100%}
.mg-option{display:flex;gap:.5rem;align-items:center}
.mg-help{color:var(--mg-muted);font-size:.875rem;margin:.25rem 0 0}
.mg-error{color:var(--mg-error);font-size:.875rem;margin:.25rem 0 0}
.mg-error:empty,.mg-form-error:empty,.mg-success:empty{display:none}
.mg-form-error{border:1px solid var(--mg-error);color:var(--mg-error);border-radius:.375rem;padding:.5rem .75rem;margin-bottom:1rem}
.mg-actions{display:flex;gap:.75rem;flex-wrap:wrap}
.mg-submit,.mg-nav{cursor:pointer;border-radius:.375rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;border:1px solid var(--mg-accent)}
.mg-submit{background:var(--mg-accent);color:var(--mg-bg)}
.mg-nav{background:transparent;color:var(--mg-accent)}
.mg-submit[disabled]{opacity:.6;cursor:progress}
.mg-success{font-size:1.1rem;padding:.75rem 0}
.mg-page{margin:0;padding:2rem 1rem;background:#fff;color:#0f172a}
@media (prefers-color-scheme:dark){.mg-page{background:#0f172a;color:#f1f5f9}}
.mg-page main{max-width:36rem;margin:0 auto}
.mg-page h1{font:600 1.5rem/1.3 system-ui,sans-serif;margin:0 0 1rem}
.mg-page-embed{padding:.5rem}
.mg-message{white-space:pre-line}
`.trim();
