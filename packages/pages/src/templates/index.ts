import { agencyTemplate } from "./agency";
import { bakeryTemplate } from "./bakery";
import { clinicTemplate } from "./clinic";
import type { PageTemplate } from "./define";
import { fitnessTemplate } from "./fitness";
import { restaurantTemplate } from "./restaurant";
import { saasTemplate } from "./saas";

export type { PageTemplate } from "./define";

/** Pages to start from, industry-flavoured. A template is plain page data: it renders as-is. */
export const PAGE_TEMPLATES: readonly PageTemplate[] = [bakeryTemplate, clinicTemplate, agencyTemplate, saasTemplate, fitnessTemplate, restaurantTemplate];

export function findTemplate(key: string): PageTemplate | undefined {
  return PAGE_TEMPLATES.find((t) => t.key === key);
}

/** A template's data with fresh block ids, for a new page (ids need only be unique within a page). */
export function instantiateTemplate(template: PageTemplate, newId: () => string) {
  return { ...template.content, content: template.content.content.map((b) => ({ ...b, props: { ...b.props, id: `${b.type}-${newId()}` } })) };
}
