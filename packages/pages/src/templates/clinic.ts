import { defineTemplate } from "./define";

export const clinicTemplate = defineTemplate(
  {
    key: "clinic",
    name: "Clinic: book a first appointment",
    industry: "Health & clinics",
    description: "Calm, trustworthy page for new patients: services, team, FAQ and a booking request form.",
    seo: { title: "New patient appointments", description: "Book your first appointment — same-week availability, friendly team, direct billing." },
  },
  [
    {
      type: "Hero",
      props: {
        eyebrow: "Now welcoming new patients",
        heading: "Care that fits your week",
        subheading: "Same-week appointments, evening hours and a team that takes the time to listen.",
        ctaLabel: "Request an appointment",
        ctaHref: "#form",
        secondaryLabel: "",
        secondaryHref: "",
        imageUrl: "",
        imageAlt: "",
        imageWidth: 1200,
        imageHeight: 800,
        align: "center",
        tone: "plain",
      },
    },
    {
      type: "Features",
      props: {
        heading: "What we offer",
        intro: "",
        columns: "4",
        items: [
          { icon: "", title: "General check-ups", body: "Annual physicals and preventive care." },
          { icon: "", title: "Physiotherapy", body: "Back, joint and sports injuries." },
          { icon: "", title: "Vaccinations", body: "Travel and seasonal vaccines." },
          { icon: "", title: "Direct billing", body: "We bill most insurers directly." },
        ],
      },
    },
    { type: "Text", props: { heading: "Your first visit", body: "Arrive ten minutes early and bring your insurance card and a list of any medication.\n\nYour first appointment lasts about 40 minutes.", align: "left" } },
    { type: "Form", props: { heading: "Request an appointment", intro: "We'll call you back within one working day.", formId: "" } },
    { type: "Faq", props: { heading: "Questions", items: [{ question: "Do I need a referral?", answer: "No referral is needed for a first visit." }, { question: "What if I need to cancel?", answer: "Let us know 24 hours ahead and there's no charge." }] } },
  ],
);
