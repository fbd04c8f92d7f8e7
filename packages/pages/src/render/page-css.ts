/**
 * The whole stylesheet of a published page, inlined in its <head> (no request, no Tailwind
 * runtime). Brand colors and the font come in as custom properties (branding.ts); every text
 * color pair here holds WCAG AA contrast on its background.
 */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:var(--mg-font);font-size:1.0625rem;line-height:1.6;color:#1f2937;background:#fff}
img{max-width:100%;height:auto;display:block}
h1,h2,h3{line-height:1.2;color:#111827;margin:0 0 .6em}
h1{font-size:clamp(2rem,5vw,3.25rem);letter-spacing:-.02em}
h2{font-size:clamp(1.5rem,3.2vw,2.25rem);letter-spacing:-.01em}
h3{font-size:1.2rem}
p{margin:0 0 1em}
a{color:var(--mg-primary-text)}
.mg-skip{position:absolute;left:-999px;top:0;background:#fff;color:#111827;padding:.5rem 1rem;z-index:10}
.mg-skip:focus{left:1rem}
.mg-header{border-bottom:1px solid #e5e7eb}
.mg-header .mg-wrap{display:flex;align-items:center;gap:.75rem;min-height:4rem}
.mg-header img{height:2.5rem;width:auto}
.mg-brand{font-weight:700;color:#111827;text-decoration:none;font-size:1.1rem}
.mg-wrap{max-width:72rem;margin:0 auto;padding:0 1.25rem}
.mg-narrow{max-width:46rem}
.mg-block{padding:clamp(2.5rem,6vw,4.5rem) 0}
.mg-align-center{text-align:center}
.mg-align-center .mg-actions{justify-content:center}
.mg-tone-tinted{background:color-mix(in srgb,var(--mg-primary) 7%,#fff)}
.mg-tone-brand{background:var(--mg-primary);color:var(--mg-on-primary)}
.mg-tone-brand h1,.mg-tone-brand h2,.mg-tone-brand h3,.mg-tone-brand a:not(.mg-button){color:var(--mg-on-primary)}
.mg-eyebrow{font-weight:600;text-transform:uppercase;letter-spacing:.08em;font-size:.85rem;color:var(--mg-accent-text)}
.mg-tone-brand .mg-eyebrow{color:var(--mg-on-primary)}
.mg-lead{font-size:1.2rem;color:#374151}
.mg-tone-brand .mg-lead{color:var(--mg-on-primary)}
.mg-hero-grid{display:grid;gap:2.5rem;align-items:center}
@media (min-width:56rem){.mg-hero-with-image .mg-hero-grid{grid-template-columns:1.1fr 1fr}}
.mg-hero-image{border-radius:1rem;width:100%}
.mg-actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
.mg-button{display:inline-block;padding:.8rem 1.4rem;border-radius:.6rem;font-weight:600;text-decoration:none;border:2px solid var(--mg-primary);line-height:1.2}
.mg-button-primary{background:var(--mg-primary);color:var(--mg-on-primary)}
.mg-button-secondary{background:#fff;color:var(--mg-primary-text)}
.mg-button:focus-visible,.mg-video-poster:focus-visible,summary:focus-visible{outline:3px solid var(--mg-accent);outline-offset:3px}
.mg-grid{list-style:none;padding:0;margin:2rem 0 0;display:grid;gap:1.25rem;grid-template-columns:1fr}
@media (min-width:40rem){.mg-cols-2,.mg-cols-3,.mg-cols-4{grid-template-columns:repeat(2,1fr)}}
@media (min-width:60rem){.mg-cols-3{grid-template-columns:repeat(3,1fr)}.mg-cols-4{grid-template-columns:repeat(4,1fr)}}
.mg-card{background:#fff;border:1px solid #e5e7eb;border-radius:1rem;padding:1.5rem;color:#1f2937}
.mg-card h3{color:#111827}
.mg-icon{font-size:1.75rem;display:block;margin-bottom:.5rem}
.mg-testimonials blockquote{margin:0 0 1rem;font-size:1.05rem}
.mg-testimonials figure{margin:0}
.mg-testimonials figcaption{color:#4b5563}
.mg-faq details{border-bottom:1px solid #e5e7eb;padding:1rem 0}
.mg-faq summary{cursor:pointer;font-weight:600;font-size:1.1rem;color:#111827}
.mg-faq details p{margin:.75rem 0 0}
.mg-tier{display:flex;flex-direction:column}
.mg-tier .mg-button{margin-top:auto;text-align:center}
.mg-tier-highlighted{border:2px solid var(--mg-primary)}
.mg-price strong{font-size:2rem;color:#111827}
.mg-checklist{padding-left:1.25rem;margin:0 0 1.5rem}
.mg-spacer-small{height:1.5rem}.mg-spacer-medium{height:3rem}.mg-spacer-large{height:6rem}
.mg-spacer hr{max-width:72rem;margin:0 auto;border:0;border-top:1px solid #e5e7eb;position:relative;top:50%}
.mg-image figcaption{color:#4b5563;font-size:.95rem;margin-top:.5rem}
.mg-image img{border-radius:.75rem}
.mg-countdown-clock{font-size:clamp(1.75rem,5vw,2.75rem);font-weight:700;font-variant-numeric:tabular-nums;color:var(--mg-primary-text)}
.mg-video-poster{position:relative;display:block;aspect-ratio:16/9;border-radius:1rem;overflow:hidden;background:#111827;color:#fff;text-decoration:none}
.mg-video-poster img{position:absolute;inset:0;width:100%;height:100%;object-fit:cover;opacity:.8}
.mg-play{position:absolute;left:50%;top:50%;width:4.5rem;height:4.5rem;margin:-2.25rem 0 0 -2.25rem;border-radius:50%;background:var(--mg-primary)}
.mg-play::after{content:"";position:absolute;left:1.8rem;top:1.35rem;border-style:solid;border-width:.9rem 0 .9rem 1.4rem;border-color:transparent transparent transparent var(--mg-on-primary)}
.mg-video-title{position:absolute;left:1rem;bottom:1rem;font-weight:600;text-shadow:0 1px 3px #000}
.mg-video iframe{width:100%;aspect-ratio:16/9;border:0;border-radius:1rem}
.mg-form-body{background:#fff;border:1px solid #e5e7eb;border-radius:1rem;padding:1.5rem;color:#1f2937;text-align:left}
.mg-form-body label{display:block;font-weight:600;margin-bottom:1rem}
.mg-form-body input:not([type=checkbox]):not([type=radio]),.mg-form-body select,.mg-form-body textarea{display:block;width:100%;margin-top:.35rem;padding:.65rem .75rem;font:inherit;border:1px solid #6b7280;border-radius:.5rem;background:#fff;color:#111827}
.mg-form-body button[type=submit]{font:inherit;font-weight:600;padding:.8rem 1.4rem;border-radius:.6rem;border:2px solid var(--mg-primary);background:var(--mg-primary);color:var(--mg-on-primary);cursor:pointer}
.mg-placeholder{border:2px dashed #9ca3af;border-radius:.75rem;padding:2rem;text-align:center;color:#374151;background:#f9fafb}
.mg-footer{border-top:1px solid #e5e7eb;padding:2rem 0;color:#4b5563;font-size:.9rem}
.mg-thanks{padding:4rem 0}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
`
  .trim()
  .replace(/\n/g, "");
