import { defineTemplate } from "./define";

export const agencyTemplate = defineTemplate(
  {
    key: "agency",
    name: "Agency: free strategy call",
    industry: "Marketing agency",
    description: "Lead generation for a creative or marketing agency: results, process, testimonials and a call booking form.",
    seo: { title: "Book a free strategy call", description: "Thirty minutes with a strategist and a plan you can use whether or not you hire us." },
  },
  [
    {
      type: "Hero",
      props: {
        eyebrow: "Free 30-minute strategy call",
        heading: "More qualified leads in 90 days",
        subheading: "We plan, build and run campaigns for growing brands — and report on revenue, not vanity metrics.",
        ctaLabel: "Book your call",
        ctaHref: "#form",
        secondaryLabel: "See our work",
        secondaryHref: "#work",
        imageUrl: "",
        imageAlt: "",
        imageWidth: 1200,
        imageHeight: 800,
        align: "left",
        tone: "brand",
      },
    },
    {
      type: "Features",
      props: {
        heading: "How we work",
        intro: "",
        columns: "3",
        items: [
          { icon: "1", title: "Audit", body: "We study your funnel, channels and competitors." },
          { icon: "2", title: "Plan", body: "A 90-day plan with targets you sign off." },
          { icon: "3", title: "Run", body: "Weekly sprints, monthly revenue reports." },
        ],
      },
    },
    { type: "Testimonials", props: { heading: "Clients say", items: [{ quote: "Cost per lead down 41% in the first quarter.", name: "Priya Shah", role: "CMO, Fieldstone" }, { quote: "The first agency that talked about our margins.", name: "Tom Berg", role: "Founder, Berg & Co" }] } },
    { type: "Video", props: { url: "https://www.youtube.com/watch?v=aqz-KE-bpKQ", title: "Our process in two minutes", posterUrl: "" } },
    { type: "Form", props: { heading: "Book your strategy call", intro: "Pick a time that suits you; we'll send an invite.", formId: "" } },
  ],
);
