import type { ReactNode } from "react";

/**
 * React elements to static HTML, without react-dom/server. Route handlers of the Next App Router
 * run in the React Server Components layer, where `react-dom/server` refuses to load (and Next's
 * compiler rejects the import); a published page or a form must still become plain HTML there.
 * This renders the subset our markup uses: host elements, text, fragments, arrays and function
 * components without hooks. Every text and attribute value is escaped; event handlers, refs,
 * `style` and `dangerouslySetInnerHTML` are never written. Anything else (a class component, a
 * hook, a portal, a lazy or context element) throws rather than render something partial.
 */

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const RENAMED: Record<string, string> = { className: "class", htmlFor: "for", acceptCharset: "accept-charset", httpEquiv: "http-equiv" };
const SKIPPED = new Set(["children", "key", "ref", "style", "dangerouslySetInnerHTML", "defaultValue", "defaultChecked", "suppressHydrationWarning", "suppressContentEditableWarning"]);
const ELEMENT_TYPES = new Set([Symbol.for("react.transitional.element"), Symbol.for("react.element")]);
const FRAGMENT = Symbol.for("react.fragment");
const ATTRIBUTE_NAME = /^[a-zA-Z_:][a-zA-Z0-9_.:-]*$/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#x27;"));
}

interface Element {
  $$typeof: symbol;
  type: unknown;
  props: Record<string, unknown>;
}

function isElement(node: unknown): node is Element {
  return typeof node === "object" && node !== null && ELEMENT_TYPES.has((node as { $$typeof?: symbol }).$$typeof as symbol);
}

function attributeName(key: string): string {
  if (RENAMED[key]) return RENAMED[key];
  return key.startsWith("aria-") || key.startsWith("data-") ? key : key.toLowerCase();
}

function attributes(props: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  let out = "";
  for (const [key, value] of Object.entries({ ...props, ...extra })) {
    if (SKIPPED.has(key) || value === undefined || value === null || typeof value === "function" || typeof value === "symbol" || typeof value === "object") continue;
    if (/^on[A-Z]/.test(key)) continue;
    const name = attributeName(key);
    if (!ATTRIBUTE_NAME.test(name)) continue;
    const aria = name.startsWith("aria-") || name.startsWith("data-");
    if (value === false && !aria) continue;
    if (value === true && !aria) out += ` ${name}=""`;
    else out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

function render(node: ReactNode | unknown, selected: readonly string[] | null): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeHtml(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map((child) => render(child, selected)).join("");
  if (!isElement(node)) throw new Error("renderStatic: cannot render this node");
  const { type, props } = node;
  if (type === FRAGMENT) return render(props.children, selected);
  if (typeof type === "function") {
    if ((type as { prototype?: { isReactComponent?: unknown } }).prototype?.isReactComponent) throw new Error("renderStatic: class components are not supported");
    return render((type as (p: unknown) => unknown)(props), selected);
  }
  if (typeof type !== "string" || !/^[a-z][a-z0-9-]*$/.test(type)) throw new Error("renderStatic: unsupported element type");
  const tag = type;
  if (tag === "select") {
    const value = props.value ?? props.defaultValue;
    const values = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
    return `<select${attributes(props, { value: undefined })}>${render(props.children, values)}</select>`;
  }
  if (tag === "option") {
    const value = props.value === undefined ? textOf(props.children) : String(props.value);
    const isSelected = props.selected === true || (selected?.includes(value) ?? false);
    return `<option${attributes(props, { selected: isSelected })}>${render(props.children, null)}</option>`;
  }
  if (tag === "textarea") {
    const value = props.value ?? props.defaultValue ?? props.children;
    return `<textarea${attributes(props, { value: undefined })}>${value === undefined || value === null ? "" : escapeHtml(String(value))}</textarea>`;
  }
  const extra: Record<string, unknown> = {};
  if (tag === "input") {
    if (props.value === undefined && props.defaultValue !== undefined) extra.value = props.defaultValue;
    if (props.checked === undefined && props.defaultChecked !== undefined) extra.checked = props.defaultChecked;
  }
  const open = `<${tag}${attributes(props, extra)}>`;
  if (VOID.has(tag)) return open;
  return `${open}${render(props.children, selected)}</${tag}>`;
}

function textOf(children: unknown): string {
  if (typeof children === "string" || typeof children === "number") return String(children);
  if (Array.isArray(children)) return children.map(textOf).join("");
  return "";
}

export function renderStatic(node: ReactNode): string {
  return render(node, null);
}
