import type { ComponentConfig } from "@puckeditor/core";
import { contextOf } from "../render/context";
import type { BlockProps } from "../schema";
import { ALIGN_OPTIONS, TONE_OPTIONS, areaField, numberField, radioField, textField } from "./fields";
import { Button, CONTENT_SIZES, Paragraphs, safeImage } from "./shared";

export type HeroProps = Omit<BlockProps<"Hero">, "id">;

export const heroBlock: ComponentConfig<HeroProps> = {
  label: "Hero",
  fields: {
    eyebrow: textField("Eyebrow"),
    heading: textField("Heading"),
    subheading: areaField("Subheading"),
    ctaLabel: textField("Button label"),
    ctaHref: textField("Button link"),
    secondaryLabel: textField("Second button label"),
    secondaryHref: textField("Second button link"),
    imageUrl: textField("Image (https address)"),
    imageAlt: textField("Image description (alt text)"),
    imageWidth: numberField("Image width (px)"),
    imageHeight: numberField("Image height (px)"),
    align: radioField("Alignment", ALIGN_OPTIONS),
    tone: radioField("Background", TONE_OPTIONS),
  },
  defaultProps: {
    eyebrow: "",
    heading: "A headline that says what you offer",
    subheading: "One or two sentences on who it is for and why it helps.",
    ctaLabel: "Get started",
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
  render: ({ id, puck, ...p }) => {
    const ctx = contextOf(puck.metadata);
    const src = safeImage(p.imageUrl);
    const eager = ctx.aboveFold.has(id);
    return (
      <section className={`mg-block mg-hero mg-tone-${p.tone} mg-align-${p.align}${src ? " mg-hero-with-image" : ""}`}>
        <div className="mg-wrap mg-hero-grid">
          <div className="mg-hero-copy">
            {p.eyebrow ? <p className="mg-eyebrow">{p.eyebrow}</p> : null}
            {p.heading ? <h1>{p.heading}</h1> : null}
            <Paragraphs text={p.subheading} className="mg-lead" />
            <div className="mg-actions">
              <Button label={p.ctaLabel} href={p.ctaHref} />
              <Button label={p.secondaryLabel} href={p.secondaryHref} variant="secondary" />
            </div>
          </div>
          {src ? (
            // A plain <img>: published pages are static HTML without Next's image component.
            // eslint-disable-next-line @next/next/no-img-element
            <img
              className="mg-hero-image"
              src={src}
              alt={p.imageAlt}
              width={p.imageWidth}
              height={p.imageHeight}
              sizes={CONTENT_SIZES}
              loading={eager ? "eager" : "lazy"}
              fetchPriority={eager ? "high" : undefined}
              decoding={eager ? undefined : "async"}
            />
          ) : null}
        </div>
      </section>
    );
  },
};
