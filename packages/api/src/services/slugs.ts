import { randomBytes } from "node:crypto";
import { RESERVED_SLUGS } from "../schemas/organization";

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  const slug = base.length >= 3 ? base : `${base || "org"}-${randomBytes(2).toString("hex")}`;
  return RESERVED_SLUGS.has(slug) ? `${slug}-org` : slug;
}

export function withSuffix(slug: string): string {
  return `${slug.slice(0, 42)}-${randomBytes(3).toString("hex")}`;
}
