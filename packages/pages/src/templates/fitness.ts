import { defineTemplate } from "./define";

export const fitnessTemplate = defineTemplate(
  {
    key: "fitness",
    name: "Fitness studio: free trial week",
    industry: "Fitness & wellness",
    description: "Sign-ups for a free trial week: classes, membership prices and a countdown on the offer.",
    seo: { title: "Your first week is free", description: "Strength, spin and yoga classes — try a full week on us." },
  },
  [
    {
      type: "Hero",
      props: {
        eyebrow: "New members only",
        heading: "Your first week is on us",
        subheading: "Unlimited classes for seven days. No card needed, no pressure to join.",
        ctaLabel: "Claim my free week",
        ctaHref: "#form",
        secondaryLabel: "",
        secondaryHref: "",
        imageUrl: "",
        imageAlt: "",
        imageWidth: 1200,
        imageHeight: 800,
        align: "center",
        tone: "brand",
      },
    },
    {
      type: "Features",
      props: {
        heading: "Classes every day",
        intro: "",
        columns: "3",
        items: [
          { icon: "🏋", title: "Strength", body: "Coached small-group lifting." },
          { icon: "🚴", title: "Spin", body: "45 minutes, great music." },
          { icon: "🧘", title: "Yoga", body: "Vinyasa and restorative." },
        ],
      },
    },
    {
      type: "Pricing",
      props: {
        heading: "After your trial",
        intro: "",
        tiers: [
          { name: "Off-peak", price: "$39", period: "month", features: "Classes before 4pm\nOpen gym", ctaLabel: "Start free week", ctaHref: "#form", highlighted: "no" },
          { name: "Unlimited", price: "$69", period: "month", features: "All classes\nOpen gym\nOne guest pass a month", ctaLabel: "Start free week", ctaHref: "#form", highlighted: "yes" },
        ],
      },
    },
    { type: "Countdown", props: { heading: "Offer ends", endsAt: "2027-01-31T23:00:00Z", expiredText: "The free week offer has ended — ask us about this month's deal." } },
    { type: "Form", props: { heading: "Claim your free week", intro: "We'll email your pass and the timetable.", formId: "" } },
  ],
);
