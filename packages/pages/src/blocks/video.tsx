import type { ComponentConfig } from "@puckeditor/core";
import type { BlockProps } from "../schema";
import { textField } from "./fields";
import { safeImage } from "./shared";

export type VideoProps = Omit<BlockProps<"Video">, "id">;

/** YouTube and Vimeo addresses → their privacy-friendly player and the public watch page. */
export function videoEmbed(url: string): { embed: string; watch: string; provider: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:") return undefined;
  const host = parsed.hostname.replace(/^www\./, "").replace(/^m\./, "");
  let youtube: string | null | undefined;
  if (host === "youtu.be") youtube = parsed.pathname.slice(1);
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    youtube = parsed.pathname === "/watch" ? parsed.searchParams.get("v") : parsed.pathname.match(/^\/(?:embed|shorts|live)\/([^/]+)/)?.[1];
  }
  if (youtube && /^[A-Za-z0-9_-]{6,20}$/.test(youtube)) {
    return { provider: "YouTube", embed: `https://www.youtube-nocookie.com/embed/${youtube}?autoplay=1`, watch: `https://www.youtube.com/watch?v=${youtube}` };
  }
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    const vimeo = parsed.pathname.match(/(\d{5,12})/)?.[1];
    if (vimeo) return { provider: "Vimeo", embed: `https://player.vimeo.com/video/${vimeo}?autoplay=1&dnt=1`, watch: `https://vimeo.com/${vimeo}` };
  }
  return undefined;
}

/**
 * Click to load: until the visitor asks for it, the block is a poster link to the video's own page
 * (which also serves visitors without JavaScript). The enhancement script swaps in the player's
 * iframe on click — no third-party request before that.
 */
export const videoBlock: ComponentConfig<VideoProps> = {
  label: "Video",
  fields: { url: textField("YouTube or Vimeo address"), title: textField("Title"), posterUrl: textField("Poster image (https address, optional)") },
  defaultProps: { url: "", title: "Watch the video", posterUrl: "" },
  render: ({ url, title, posterUrl }) => {
    const video = videoEmbed(url);
    if (!video) return <></>;
    const poster = safeImage(posterUrl);
    const label = title || "video";
    return (
      <section className="mg-block mg-video">
        <div className="mg-wrap mg-narrow">
          <a className="mg-video-poster" href={video.watch} data-mg-video={video.embed} data-mg-title={label} aria-label={`Play ${label} (${video.provider})`}>
            {poster ? (
              // eslint-disable-next-line @next/next/no-img-element -- static HTML, no Next image component
              <img src={poster} alt="" width={1280} height={720} loading="lazy" decoding="async" />
            ) : null}
            <span className="mg-play" aria-hidden="true" />
            <span className="mg-video-title">{title}</span>
          </a>
        </div>
      </section>
    );
  },
};
