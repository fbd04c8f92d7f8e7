import type { Config } from "@puckeditor/core";
import { countdownBlock, type CountdownProps } from "./blocks/countdown";
import { ctaBlock, type CtaProps } from "./blocks/cta";
import { faqBlock, type FaqProps } from "./blocks/faq";
import { featuresBlock, type FeaturesProps } from "./blocks/features";
import { formBlock, type FormBlockProps } from "./blocks/form";
import { heroBlock, type HeroProps } from "./blocks/hero";
import { imageBlock, type ImageProps } from "./blocks/image";
import { pricingBlock, type PricingProps } from "./blocks/pricing";
import { spacerBlock, type SpacerProps } from "./blocks/spacer";
import { testimonialsBlock, type TestimonialsProps } from "./blocks/testimonials";
import { textBlock, type TextProps } from "./blocks/text";
import { videoBlock, type VideoProps } from "./blocks/video";

export interface PageComponents {
  Hero: HeroProps;
  Text: TextProps;
  Image: ImageProps;
  Features: FeaturesProps;
  Testimonials: TestimonialsProps;
  Faq: FaqProps;
  Pricing: PricingProps;
  CallToAction: CtaProps;
  Countdown: CountdownProps;
  Video: VideoProps;
  Spacer: SpacerProps;
  Form: FormBlockProps;
}

export type PageConfig = Config<PageComponents, { title?: string }>;

/**
 * The block library: one Puck config for the editor (apps/web) and the server renderer
 * (apps/marketing-site). Block names are the `type` stored in page data (schema.ts).
 */
export const pageConfig: PageConfig = {
  categories: {
    layout: { title: "Sections", components: ["Hero", "Text", "Image", "Features", "Testimonials", "Faq", "Pricing", "CallToAction", "Countdown", "Video", "Spacer"] },
    capture: { title: "Lead capture", components: ["Form"] },
  },
  components: {
    Hero: heroBlock,
    Text: textBlock,
    Image: imageBlock,
    Features: featuresBlock,
    Testimonials: testimonialsBlock,
    Faq: faqBlock,
    Pricing: pricingBlock,
    CallToAction: ctaBlock,
    Countdown: countdownBlock,
    Video: videoBlock,
    Spacer: spacerBlock,
    Form: formBlock,
  },
  root: {
    fields: { title: { type: "text", label: "Internal title" } },
    render: ({ children }) => <main id="main" className="mg-main">
        {children}
      </main>,
  },
};

/** The editor's config: the Form block picks from the organization's forms instead of typing an id. */
export function withFormOptions(config: PageConfig, forms: readonly { id: string; name: string }[]): PageConfig {
  return {
    ...config,
    components: {
      ...config.components,
      Form: {
        ...config.components.Form,
        fields: {
          ...config.components.Form.fields,
          formId: { type: "select", label: "Form", options: [{ label: forms.length ? "Choose a form" : "No forms yet", value: "" }, ...forms.map((f) => ({ label: f.name, value: f.id }))] },
        },
      },
    },
  } as PageConfig;
}
