import { Fragment, type ReactNode } from "react";

/**
 * React elements to static HTML without react-dom/server. Next.js refuses react-dom/server in
 * App Router route handlers (they run in the react-server layer), and published pages are route
 * handlers; our blocks are plain function components without hooks, so a small serializer is
 * all they need. It renders what renderToStaticMarkup renders for such trees (held to it by
 * test/static-html.test.ts): text escaped, attributes escaped, `javascript:` URLs dropped,
 * event handlers ignored, `dangerouslySetInnerHTML` verbatim (only our own CSS and script use it).
 * Components that call hooks, class components and Suspense are not supported (they throw).
 */

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const BOOLEAN = new Set(["allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls", "default", "defer", "disabled", "formnovalidate", "hidden", "loop", "multiple", "muted", "novalidate", "open", "playsinline", "readonly", "required", "reversed", "selected"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "cite", "data"]);
const RENAMED: Record<string, string> = { className: "class", htmlFor: "for", httpEquiv: "http-equiv", acceptCharset: "accept-charset", strokeWidth: "stroke-width", strokeLinecap: "stroke-linecap", strokeLinejoin: "stroke-linejoin", fillRule: "fill-rule", clipRule: "clip-rule", xlinkHref: "xlink:href" };
// SVG attributes whose case matters.
const CASE_KEPT = new Set(["viewBox", "preserveAspectRatio"]);
const SKIPPED = new Set(["children", "dangerouslySetInnerHTML", "key", "ref", "suppressHydrationWarning", "suppressContentEditableWarning", "defaultValue", "defaultChecked"]);
const UNITLESS = new Set(["opacity", "zIndex", "fontWeight", "lineHeight", "flex", "flexGrow", "flexShrink", "order", "zoom", "gridRow", "gridColumn"]);

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const FORWARD_REF = Symbol.for("react.forward_ref");
const MEMO = Symbol.for("react.memo");

interface ElementLike {
  type: unknown;
  props: Record<string, unknown>;
}

function isElement(node: unknown): node is ElementLike {
  return typeof node === "object" && node !== null && "$$typeof" in node && "type" in node && "props" in node;
}

function styleText(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, v]) => v !== null && v !== undefined && v !== "" && typeof v !== "boolean")
    .map(([k, v]) => {
      const name = k.startsWith("--") ? k : k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^ms-/, "-ms-");
      const value = typeof v === "number" && v !== 0 && !UNITLESS.has(k) && !k.startsWith("--") ? `${v}px` : String(v);
      return `${name}:${value}`;
    })
    .join(";");
}

function attributeName(prop: string): string {
  if (RENAMED[prop]) return RENAMED[prop];
  if (prop.startsWith("aria-") || prop.startsWith("data-") || CASE_KEPT.has(prop)) return prop;
  return prop.toLowerCase();
}

/** Context a host element hands down: the value a <select> holds (marks its option selected). */
interface Scope {
  selectValue?: readonly string[];
}

function attributes(tag: string, props: Record<string, unknown>, scope: Scope): string {
  let out = "";
  const all: Record<string, unknown> = { ...props };
  if (tag === "input") {
    if (all.value === undefined && all.defaultValue !== undefined) all.value = all.defaultValue;
    if (all.checked === undefined && all.defaultChecked !== undefined) all.checked = all.defaultChecked;
  }
  if (tag === "select") delete all.value;
  if (tag === "textarea") delete all.value;
  if (tag === "option" && scope.selectValue && all.selected === undefined) {
    all.selected = scope.selectValue.includes(String(all.value ?? (typeof props.children === "string" ? props.children : "")));
  }
  for (const [prop, raw] of Object.entries(all)) {
    if (SKIPPED.has(prop) || raw === undefined || raw === null || typeof raw === "function" || typeof raw === "symbol") continue;
    if (/^on[A-Z]/.test(prop)) continue;
    const name = attributeName(prop);
    if (prop === "style" && typeof raw === "object") {
      const css = styleText(raw as Record<string, unknown>);
      if (css) out += ` style="${escapeHtml(css)}"`;
      continue;
    }
    if (typeof raw === "boolean") {
      if (prop.startsWith("aria-") || prop.startsWith("data-")) out += ` ${name}="${raw}"`;
      else if (raw && BOOLEAN.has(name)) out += ` ${name}=""`;
      else if (!BOOLEAN.has(name)) continue;
      continue;
    }
    const value = String(raw);
    // As React 19 does, no script URL ever reaches an attribute that navigates or loads.
    if (URL_ATTRIBUTES.has(name) && isScriptUrl(value)) continue;
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

/** Browsers ignore leading spaces and strip tabs/newlines inside a URL's scheme: so do we, before asking. */
function isScriptUrl(value: string): boolean {
  let scheme = "";
  for (const ch of value.trimStart()) {
    if (ch === ":") break;
    if (ch.charCodeAt(0) > 0x20) scheme += ch.toLowerCase();
    if (scheme.length > 10) return false;
  }
  return scheme === "javascript" || scheme === "vbscript";
}

function render(node: unknown, scope: Scope): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeHtml(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map((n) => render(n, scope)).join("");
  if (typeof node === "object" && Symbol.iterator in node) return [...(node as Iterable<unknown>)].map((n) => render(n, scope)).join("");
  if (!isElement(node)) throw new Error("static-html: cannot render this value");
  const { type, props } = node;
  if (type === Fragment || typeof type === "symbol") return render(props.children, scope);
  if (typeof type === "function") {
    if ((type as { prototype?: { isReactComponent?: unknown } }).prototype?.isReactComponent) throw new Error("static-html: class components are not supported");
    return render((type as (p: unknown) => ReactNode)(props), scope);
  }
  if (typeof type === "object" && type !== null) {
    const wrapped = type as { $$typeof?: symbol; type?: unknown; render?: (p: unknown, ref: unknown) => ReactNode };
    if (wrapped.$$typeof === MEMO) return render({ ...node, type: wrapped.type }, scope);
    if (wrapped.$$typeof === FORWARD_REF && wrapped.render) return render(wrapped.render(props, null), scope);
    throw new Error("static-html: unsupported element type");
  }
  if (typeof type !== "string") throw new Error("static-html: unsupported element type");
  const tag = type;
  const open = `<${tag}${attributes(tag, props, scope)}`;
  if (VOID.has(tag)) return `${open}/>`;
  const inner = props.dangerouslySetInnerHTML as { __html?: unknown } | undefined;
  let content: string;
  if (inner && typeof inner.__html === "string") content = inner.__html;
  else if (tag === "textarea") content = escapeHtml(String(props.value ?? props.defaultValue ?? (typeof props.children === "string" ? props.children : "")));
  else if (tag === "select") {
    const value = props.value ?? props.defaultValue;
    const selectValue = value === undefined || value === null ? undefined : Array.isArray(value) ? value.map(String) : [String(value)];
    content = render(props.children, { ...scope, selectValue });
  } else content = render(props.children, tag === "option" ? {} : scope);
  return `${open}>${content}</${tag}>`;
}

export function renderToStaticHtml(node: ReactNode): string {
  return render(node, {});
}
