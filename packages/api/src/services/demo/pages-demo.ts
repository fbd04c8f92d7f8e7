import { withOrg, type Prisma } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { publishContent } from "@mg/jobs/pages";
import { findTemplate, instantiateTemplate, type PageData, type PageTemplate } from "@mg/pages/data";
import { DEMO_FORM_SLUG } from "./forms-demo";

const ORG_SLUG = "northwind-bakery";

/**
 * The lead form the demo pages show, by slug: the forms demo's "Order a cake" (seeded before the
 * pages; until it exists the Form blocks render nothing and the pages still work).
 */
export const DEMO_PAGE_FORM_SLUG = DEMO_FORM_SLUG;

const NORTHWIND_BRANDING = { primaryColor: "#9a3412", accentColor: "#0f766e", fontFamily: "humanist", productName: "Northwind Bakery" } as const;

interface DemoPage {
  slug: string;
  name: string;
  template: string;
  /** Copy that makes the template Northwind's. */
  edit?: (data: PageData) => PageData;
  seo?: { title: string; description: string };
}

function withForm(data: PageData): PageData {
  return { ...data, content: data.content.map((b) => (b.type === "Form" ? { ...b, props: { ...b.props, formId: DEMO_PAGE_FORM_SLUG } } : b)) };
}

function retitleHero(heading: string, subheading: string) {
  return (data: PageData): PageData => ({ ...data, content: data.content.map((b) => (b.type === "Hero" ? { ...b, props: { ...b.props, heading, subheading } } : b)) });
}

const PAGES: DemoPage[] = [
  { slug: "holiday-preorders", name: "Holiday pre-orders", template: "bakery" },
  {
    slug: "private-events",
    name: "Private events and tastings",
    template: "restaurant",
    edit: retitleHero("Host your event at the bakery", "Bread-making evenings, cake tastings and private breakfasts for 8 to 30 guests."),
    seo: { title: "Private events at Northwind Bakery", description: "Bread-making evenings, cake tastings and private breakfasts." },
  },
  {
    slug: "wholesale",
    name: "Wholesale for cafés",
    template: "saas",
    edit: wholesaleCopy,
    seo: { title: "Wholesale bread and pastries", description: "Daily deliveries for cafés and restaurants — ask for our wholesale price list." },
  },
];

/** The B2B template, in a bakery's words. */
function wholesaleCopy(data: PageData): PageData {
  const retitled = retitleHero("Fresh bread for your café, every morning", "Daily wholesale deliveries of sourdough, pastries and cakes across the city, ordered online by 8pm.")(data);
  return {
    ...retitled,
    content: retitled.content.map((b) => {
      if (b.type === "Hero") return { ...b, props: { ...b.props, eyebrow: "For cafés, hotels and restaurants", ctaLabel: "Ask for the price list", secondaryLabel: "See the plans" } };
      if (b.type === "Features")
        return {
          ...b,
          props: {
            ...b.props,
            heading: "Why cafés bake with us",
            items: [
              { icon: "", title: "Baked overnight", body: "Ordered by 8pm, on your counter by 7am, seven days a week." },
              { icon: "", title: "Your own recipes", body: "House loaves and seasonal specials baked to your spec from 20 loaves a day." },
              { icon: "", title: "No waste deal", body: "Unsold bread back the next morning for croutons and bread pudding at cost." },
            ],
          },
        };
      if (b.type === "Pricing")
        return {
          ...b,
          props: {
            ...b.props,
            heading: "Delivery plans",
            intro: "Prices per week, excluding the bread itself; cancel any week.",
            tiers: [
              { name: "Café", price: "£15", period: "week", features: "Daily delivery before 7am\nOrder changes until 8pm", ctaLabel: "Start with Café", ctaHref: "#form", highlighted: "no" },
              { name: "Restaurant", price: "£30", period: "week", features: "Two deliveries a day\nHouse recipes", ctaLabel: "Choose Restaurant", ctaHref: "#form", highlighted: "yes" },
              { name: "Hotel", price: "Let's talk", period: "", features: "Breakfast and banqueting\nDedicated baker", ctaLabel: "Talk to us", ctaHref: "#form", highlighted: "no" },
            ],
          },
        };
      if (b.type === "Faq")
        return { ...b, props: { ...b.props, items: [{ question: "Where do you deliver?", answer: "Anywhere within the ring road; further out on request." }, { question: "Is there a minimum order?", answer: "Twenty items a day, mixed as you like." }] } };
      if (b.type === "Form") return { ...b, props: { ...b.props, heading: "Ask for the wholesale price list", intro: "We reply within a working day with prices and a tasting box." } };
      return b;
    }),
  };
}

let counter = 0;
const blockId = () => `demo${(++counter).toString(36)}`;

/**
 * Landing-page demo data for Northwind: its branding (when it has none) and three pages from the
 * templates, each published once, each with a Form block naming the demo form by slug. Written in
 * Northwind's own RLS transaction, as the product writes it; idempotent (existing slugs are left alone).
 */
export async function seedPagesDemo(options: { organizationSlug?: string; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? console.log;
  const slug = options.organizationSlug ?? ORG_SLUG;
  const org = await systemDb().organization.findUnique({ where: { slug }, select: { id: true, branding: true } });
  if (!org) return log(`pages demo: no ${slug} organization (run the base seed first)`);
  const created = await withOrg(org.id, async (db) => {
    const branding = org.branding && typeof org.branding === "object" && Object.keys(org.branding).length > 0 ? null : NORTHWIND_BRANDING;
    if (branding) await db.organization.update({ where: { id: org.id }, data: { branding } });
    let made = 0;
    for (const page of PAGES) {
      if (await db.landingPage.findFirst({ where: { slug: page.slug }, select: { id: true } })) continue;
      const template = findTemplate(page.template) as PageTemplate;
      const data = withForm((page.edit ?? ((d: PageData) => d))(instantiateTemplate(template, blockId) as PageData));
      const seo = { ...template.seo, ...page.seo } as Prisma.InputJsonObject;
      const thankYou = { kind: "message", message: "Thank you! We'll confirm by email within a working day." };
      const row = await db.landingPage.create({
        data: { organizationId: org.id, name: page.name, slug: page.slug, templateKey: template.key, draft: data as unknown as Prisma.InputJsonObject, seo, thankYou },
        select: { id: true },
      });
      await publishContent(db, { pageId: row.id, content: data as unknown as Prisma.InputJsonObject, seo, thankYou, userId: null });
      made += 1;
    }
    return made;
  });
  log(`pages demo: ${created} published landing pages in ${slug} (/p/${slug}/…)`);
}
