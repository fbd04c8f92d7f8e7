import { defineTemplate } from "./define";

export const bakeryTemplate = defineTemplate(
  {
    key: "bakery",
    name: "Bakery: seasonal pre-orders",
    industry: "Food & bakery",
    description: "Take pre-orders for a seasonal bake with a countdown to the order deadline.",
    seo: { title: "Pre-order our holiday bakes", description: "Stollen, panettone and cookie boxes, baked fresh and ready to collect." },
  },
  [
    {
      type: "Hero",
      props: {
        eyebrow: "Holiday pre-orders are open",
        heading: "Baked fresh for your table",
        subheading: "Reserve stollen, panettone and cookie boxes now and collect them warm from the oven on the day you choose.",
        ctaLabel: "Reserve yours",
        ctaHref: "#form",
        secondaryLabel: "See the menu",
        secondaryHref: "#menu",
        imageUrl: "",
        imageAlt: "",
        imageWidth: 1200,
        imageHeight: 800,
        align: "left",
        tone: "tinted",
      },
    },
    { type: "Countdown", props: { heading: "Order deadline", endsAt: "2026-12-20T18:00:00Z", expiredText: "Pre-orders for this season have closed — see you in the shop!" } },
    {
      type: "Features",
      props: {
        heading: "This season's bakes",
        intro: "",
        columns: "3",
        items: [
          { icon: "🍞", title: "Butter stollen", body: "Marzipan heart, rum-soaked fruit, dusted twice." },
          { icon: "🧁", title: "Panettone", body: "Three-day natural leaven, candied orange." },
          { icon: "🍪", title: "Cookie box", body: "Twelve cookies, six kinds, in a gift tin." },
        ],
      },
    },
    { type: "Testimonials", props: { heading: "Regulars say", items: [{ quote: "Our Christmas morning isn't complete without their stollen.", name: "Hannah", role: "customer since 2019" }, { quote: "Ordered for the whole office — gone in an hour.", name: "Marco", role: "office manager" }] } },
    { type: "Form", props: { heading: "Reserve your bake", intro: "Tell us what you'd like and when you'll collect it. We'll confirm by email.", formId: "" } },
    { type: "Faq", props: { heading: "Good to know", items: [{ question: "When can I collect?", answer: "Any day from 18 to 24 December, 8am to 6pm." }, { question: "Do you have gluten-free options?", answer: "Yes — ask for the almond cookie box." }] } },
  ],
);
