import { defineTemplate } from "./define";

export const restaurantTemplate = defineTemplate(
  {
    key: "restaurant",
    name: "Restaurant: private dining and events",
    industry: "Restaurants & hospitality",
    description: "Enquiries for private dining, set menus and events, with a menu preview and FAQ.",
    seo: { title: "Private dining and events", description: "Set menus for 8 to 60 guests in our private room." },
  },
  [
    {
      type: "Hero",
      props: {
        eyebrow: "Private dining",
        heading: "Your table, your occasion",
        subheading: "A private room for 8 to 60 guests, seasonal set menus and a host who looks after every detail.",
        ctaLabel: "Send an enquiry",
        ctaHref: "#form",
        secondaryLabel: "",
        secondaryHref: "",
        imageUrl: "",
        imageAlt: "",
        imageWidth: 1200,
        imageHeight: 800,
        align: "left",
        tone: "tinted",
      },
    },
    { type: "Text", props: { heading: "Set menus", body: "Three courses from $55 a guest, or five with wine pairing from $95.\n\nWe cater for every dietary need — just tell us when you enquire.", align: "left" } },
    { type: "Testimonials", props: { heading: "Guests say", items: [{ quote: "Our rehearsal dinner was perfect from start to finish.", name: "Lena & Sam", role: "" }] } },
    { type: "Form", props: { heading: "Send an enquiry", intro: "Tell us the date, the number of guests and the occasion.", formId: "" } },
    { type: "Faq", props: { heading: "Questions", items: [{ question: "Is there a minimum spend?", answer: "Weekdays none; Friday and Saturday evenings $800." }, { question: "Can we bring a cake?", answer: "Of course — no cakeage fee." }] } },
  ],
);
