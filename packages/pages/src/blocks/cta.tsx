import type { ComponentConfig } from "@puckeditor/core";
import type { BlockProps } from "../schema";
import { TONE_OPTIONS, areaField, radioField, textField } from "./fields";
import { Button, Paragraphs } from "./shared";

export type CtaProps = Omit<BlockProps<"CallToAction">, "id">;

export const ctaBlock: ComponentConfig<CtaProps> = {
  label: "Call to action",
  fields: { heading: textField("Heading"), body: areaField("Text"), label: textField("Button label"), href: textField("Button link"), tone: radioField("Background", TONE_OPTIONS) },
  defaultProps: { heading: "Ready when you are", body: "", label: "Get in touch", href: "#form", tone: "brand" },
  render: ({ heading, body, label, href, tone }) => (
    <section className={`mg-block mg-cta mg-tone-${tone} mg-align-center`}>
      <div className="mg-wrap mg-narrow">
        {heading ? <h2>{heading}</h2> : null}
        <Paragraphs text={body} />
        <div className="mg-actions">
          <Button label={label} href={href} variant={tone === "brand" ? "secondary" : "primary"} />
        </div>
      </div>
    </section>
  ),
};
