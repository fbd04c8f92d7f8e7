"use client";

import Link from "next/link";
import { useOrg } from "../../org-context";

/** Links between the contacts table, segments and lists (the app's nav links the contacts table only). */
export function ContactsNav({ current }: { current: "segments" | "lists" }) {
  const { slug } = useOrg();
  const items = [
    { key: "contacts", label: "All contacts", href: `/${slug}/contacts` },
    { key: "segments", label: "Segments", href: `/${slug}/contacts/segments` },
    { key: "lists", label: "Lists", href: `/${slug}/contacts/lists` },
  ];
  return (
    <nav aria-label="Contacts" className="flex flex-wrap gap-3 text-sm">
      {items.map((item) => (
        <Link
          key={item.key}
          href={item.href}
          aria-current={item.key === current ? "page" : undefined}
          className={item.key === current ? "font-medium text-foreground underline underline-offset-4" : "text-muted-foreground hover:text-foreground"}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
