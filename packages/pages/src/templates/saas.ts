import { defineTemplate } from "./define";

export const saasTemplate = defineTemplate(
  {
    key: "saas",
    name: "B2B / SaaS: request a demo",
    industry: "Software & B2B exporters",
    description: "Demo requests for a B2B product or exporter: value, features, pricing tiers and FAQ.",
    seo: { title: "Request a demo", description: "See how teams ship orders to 40 countries with one platform." },
  },
  [
    {
      type: "Hero",
      props: {
        eyebrow: "For export teams",
        heading: "Ship to 40 countries without the paperwork",
        subheading: "Customs documents, duties and carrier bookings in one place — integrated with the ERP you already use.",
        ctaLabel: "Request a demo",
        ctaHref: "#form",
        secondaryLabel: "See pricing",
        secondaryHref: "#pricing",
        imageUrl: "",
        imageAlt: "",
        imageWidth: 1200,
        imageHeight: 800,
        align: "left",
        tone: "tinted",
      },
    },
    {
      type: "Features",
      props: {
        heading: "Everything an export desk needs",
        intro: "",
        columns: "3",
        items: [
          { icon: "", title: "Documents in minutes", body: "Commercial invoices, packing lists and certificates of origin generated from the order." },
          { icon: "", title: "Landed cost up front", body: "Duties and taxes calculated before you quote." },
          { icon: "", title: "Carrier choice", body: "Compare and book sea, air and road freight." },
        ],
      },
    },
    {
      type: "Pricing",
      props: {
        heading: "Plans",
        intro: "Annual billing; cancel any time.",
        tiers: [
          { name: "Starter", price: "€290", period: "month", features: "Up to 100 shipments\n2 users\nEmail support", ctaLabel: "Start with Starter", ctaHref: "#form", highlighted: "no" },
          { name: "Growth", price: "€690", period: "month", features: "Up to 1,000 shipments\n10 users\nERP integration", ctaLabel: "Choose Growth", ctaHref: "#form", highlighted: "yes" },
          { name: "Enterprise", price: "Let's talk", period: "", features: "Unlimited shipments\nSSO and audit log\nDedicated manager", ctaLabel: "Contact sales", ctaHref: "#form", highlighted: "no" },
        ],
      },
    },
    { type: "Faq", props: { heading: "FAQ", items: [{ question: "Which ERPs do you integrate with?", answer: "SAP Business One, Odoo, NetSuite and Microsoft Dynamics." }, { question: "Is my data stored in the EU?", answer: "Yes, in Frankfurt, with daily encrypted backups." }] } },
    { type: "Form", props: { heading: "Request a demo", intro: "A product specialist will walk you through it in 30 minutes.", formId: "" } },
  ],
);
