/**
 * The script embed, served as `/embed.js`. The host page writes
 *   <script src="https://SITE/embed.js" data-mg-form="ORG/FORM" async></script>
 * and the script puts an iframe of `/f/ORG/FORM/embed` right after itself, then sizes it from the
 * height the form page posts (postMessage, checked against the iframe's window and our origin).
 * Why an iframe rather than a shadow root: the form keeps our origin — its own CSP, same-origin
 * POST and cookies, Turnstile — and the host needs no script-src/style-src/connect-src for us
 * beyond this file; the script sets attributes only (no inline styles, no eval).
 */
export const EMBED_SCRIPT = String.raw`(function(){"use strict";
var d=document,w=window,frames=[];
function origin(s){try{return new URL(s.src,w.location.href).origin}catch(e){return null}}
function mount(s){if(s.getAttribute("data-mg-mounted"))return;var o=origin(s),p=s.getAttribute("data-mg-form")||"";if(!o||!/^[a-z0-9-]{1,80}\/[a-z0-9-]{1,80}$/.test(p))return;s.setAttribute("data-mg-mounted","1");
var q=new URLSearchParams(),h=new URLSearchParams(w.location.search);h.forEach(function(v,k){if(/^utm_(source|medium|campaign|term|content)$/.test(k))q.set(k,v.slice(0,200))});q.set("page",w.location.href.slice(0,2000));
var f=d.createElement("iframe");f.src=o+"/f/"+p+"/embed?"+q.toString();f.title=s.getAttribute("data-mg-title")||"Form";f.width="100%";f.height="520";f.setAttribute("frameborder","0");f.setAttribute("scrolling","no");f.setAttribute("loading","lazy");f.className="mg-embed-frame";
s.parentNode.insertBefore(f,s.nextSibling);frames.push({f:f,o:o})}
w.addEventListener("message",function(e){var m=e.data;if(!m||typeof m.type!=="string")return;for(var i=0;i<frames.length;i++){var x=frames[i];if(x.f.contentWindow!==e.source||e.origin!==x.o)continue;
if(m.type==="mg-form:height"&&typeof m.height==="number")x.f.height=String(Math.max(120,Math.min(20000,Math.ceil(m.height))));
if(m.type==="mg-form:redirect"&&typeof m.url==="string"){var u;try{u=new URL(m.url,x.o)}catch(_){return}if(u.protocol==="https:"||u.origin===x.o)w.location.assign(u.href)}}});
function scan(){Array.prototype.forEach.call(d.querySelectorAll("script[data-mg-form]"),mount)}
scan();if(d.readyState==="loading")d.addEventListener("DOMContentLoaded",scan);
})();`;
