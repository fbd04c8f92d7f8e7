import type { ComponentConfig } from "@puckeditor/core";
import { contextOf } from "../render/context";
import type { BlockProps } from "../schema";
import { areaField, numberField, textField } from "./fields";
import { CONTENT_SIZES, parseSrcset, safeImage } from "./shared";

export type ImageProps = Omit<BlockProps<"Image">, "id">;

export const imageBlock: ComponentConfig<ImageProps> = {
  label: "Image",
  fields: {
    src: textField("Image (https address)"),
    srcset: areaField("Other sizes, one per line: address and width, e.g. https://…/photo-640.jpg 640w"),
    alt: textField("Description (alt text; empty if decorative)"),
    caption: textField("Caption"),
    width: numberField("Width (px)"),
    height: numberField("Height (px)"),
  },
  defaultProps: { src: "", srcset: "", alt: "", caption: "", width: 1200, height: 800 },
  render: ({ id, puck, src, srcset, alt, caption, width, height }) => {
    const ctx = contextOf(puck.metadata);
    const url = safeImage(src);
    if (!url) return ctx.mode === "editor" ? <div className="mg-placeholder">Image: add an https address</div> : <></>;
    const eager = ctx.aboveFold.has(id);
    return (
      <figure className="mg-block mg-image">
        <div className="mg-wrap">
          {/* eslint-disable-next-line @next/next/no-img-element -- static HTML, no Next image component */}
          <img
            src={url}
            srcSet={parseSrcset(srcset)}
            sizes={CONTENT_SIZES}
            alt={alt}
            width={width}
            height={height}
            loading={eager ? "eager" : "lazy"}
            fetchPriority={eager ? "high" : undefined}
            decoding={eager ? undefined : "async"}
          />
          {caption ? <figcaption>{caption}</figcaption> : null}
        </div>
      </figure>
    );
  },
};
