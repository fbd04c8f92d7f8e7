/**
 * The enhancement script, served as `/forms.js` (vanilla, no framework, no eval). A form works
 * without it; with it: inline validation, one step at a time, submit without reload (JSON answer),
 * the success message in place, hidden fields from the query string, and — inside the iframe of
 * the script embed — its height (and a redirect) told to the host page by postMessage.
 * Kept small on purpose: a test holds it under its gzip budget.
 */
export const FORMS_SCRIPT = String.raw`(function(){"use strict";
var d=document,w=window,embedded=w.parent!==w;
function qa(e,s){return Array.prototype.slice.call(e.querySelectorAll(s))}
function box(f,n){var b=f.querySelector('[data-mg-field="'+n+'"] .mg-error');return b}
function say(f,n,t){var b=box(f,n);if(b)b.textContent=t||"";var c=f.querySelector('[data-mg-field="'+n+'"] input,[data-mg-field="'+n+'"] select,[data-mg-field="'+n+'"] textarea');if(c){if(t)c.setAttribute("aria-invalid","true");else c.removeAttribute("aria-invalid")}}
function why(i){var v=i.validity;if(v.valid)return"";if(v.valueMissing)return i.type==="checkbox"?"Please tick this box.":"This field is required.";if(v.typeMismatch)return i.type==="email"?"Enter a valid email address.":"Enter a valid value.";if(v.tooShort)return"Use at least "+i.minLength+" characters.";if(v.tooLong)return"Use at most "+i.maxLength+" characters.";if(v.patternMismatch)return"Use only the characters this field allows.";return i.validationMessage}
function nameOf(i){var h=i.closest("[data-mg-field]");return h?h.getAttribute("data-mg-field"):i.name}
function check(f,i){var m=why(i);say(f,nameOf(i),m);return!m}
function groupOk(f,g){var n=g.getAttribute("data-mg-field"),req=g.querySelector(".mg-required");if(!req||g.tagName!=="FIELDSET")return true;var ok=qa(g,"input:checked").length>0;say(f,n,ok?"":"Choose at least one.");return ok}
function checkIn(f,root){var ok=true,first=null;qa(root,"input,select,textarea").forEach(function(i){if(i.type==="hidden"||i.name==="_hp_website"||i.closest("fieldset.mg-field-group"))return;if(!check(f,i)){ok=false;first=first||i}});qa(root,"fieldset.mg-field-group").forEach(function(g){if(!groupOk(f,g)){ok=false;first=first||g.querySelector("input")}});if(first)first.focus();return ok}
function button(t,c){var b=d.createElement("button");b.type="button";b.className="mg-nav";b.textContent=t;if(c)b.setAttribute("data-mg-nav",c);return b}
function tellHeight(){if(embedded)w.parent.postMessage({type:"mg-form:height",height:d.documentElement.scrollHeight},"*")}
function init(f){f.noValidate=true;var steps=qa(f,"[data-mg-step]"),at=0,actions=f.querySelector(".mg-actions"),submit=f.querySelector(".mg-submit"),err=f.querySelector("[data-mg-form-error]"),ok=f.querySelector("[data-mg-success]");
var q=new URLSearchParams(w.location.search);qa(f,"input[data-mg-param]").forEach(function(i){var v=q.get(i.getAttribute("data-mg-param"));if(v&&!i.value)i.value=v.slice(0,500)});
var page=d.createElement("input");page.type="hidden";page.name="_page";page.value=(q.get("page")||w.location.href).slice(0,2000);f.appendChild(page);
if(f.querySelector(".cf-turnstile")&&!d.querySelector("script[data-mg-turnstile]")){var s=d.createElement("script");s.src="https://challenges.cloudflare.com/turnstile/v0/api.js";s.async=true;s.setAttribute("data-mg-turnstile","");d.head.appendChild(s)}
var back=button("Back","back"),next=button("Next","next");
function show(n){at=n;steps.forEach(function(s,i){s.hidden=i!==n});if(steps.length>1){back.hidden=n===0;next.hidden=n===steps.length-1;submit.hidden=n!==steps.length-1}tellHeight()}
if(steps.length>1){actions.insertBefore(back,submit);actions.insertBefore(next,submit);back.addEventListener("click",function(){show(at-1);var l=steps[at].querySelector("input,select,textarea");if(l)l.focus()});next.addEventListener("click",function(){if(checkIn(f,steps[at])){show(at+1);var l=steps[at].querySelector("input:not([type=hidden]),select,textarea");if(l)l.focus()}});show(0)}
f.addEventListener("change",function(e){var i=e.target;if(i.closest&&i.closest("fieldset.mg-field-group"))groupOk(f,i.closest("fieldset.mg-field-group"));else if(i.name&&i.name!=="_hp_website")check(f,i)});
f.addEventListener("submit",function(e){e.preventDefault();if(!checkIn(f,f))return;err.textContent="";submit.disabled=true;
w.fetch(f.action,{method:"POST",body:new URLSearchParams(new FormData(f)),headers:{Accept:"application/json"},credentials:"same-origin"}).then(function(r){return r.json().then(function(j){return{r:r,j:j}})}).then(function(x){var j=x.j;submit.disabled=false;
if(j.ok){if(j.redirect){if(embedded)w.parent.postMessage({type:"mg-form:redirect",url:j.redirect},"*");else w.location.assign(j.redirect);return}steps.forEach(function(s){s.hidden=true});actions.hidden=true;ok.textContent=j.message||"Thank you.";ok.setAttribute("tabindex","-1");ok.focus();tellHeight();return}
if(x.r.status===429){err.textContent="Too many attempts. Please try again in "+(x.r.headers.get("Retry-After")||"a few")+" seconds.";tellHeight();return}
var errs=j.errors||{},first=null;Object.keys(errs).forEach(function(k){say(f,k,errs[k]);if(!first)first=k});err.textContent=j.formError||(first?"Please correct the fields marked below.":"Something went wrong. Please try again.");
if(first&&steps.length>1){steps.forEach(function(s,i){if(s.querySelector('[data-mg-field="'+first+'"]'))show(i)})}tellHeight()}).catch(function(){submit.disabled=false;err.textContent="Your answer could not be sent. Check your connection and try again.";tellHeight()})})}
qa(d,"form[data-mg-form]").forEach(init);
if(embedded){tellHeight();if(w.ResizeObserver)new ResizeObserver(tellHeight).observe(d.body)}
})();`;
