import { FacebookIcon, FlaskConicalIcon, InstagramIcon, LinkedinIcon, type LucideIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { SOCIAL_NETWORKS as NETWORKS } from "@mg/api/schemas";
import { cn } from "@mg/ui/lib/utils";

/** The networks the app knows: the API's list (browser-safe, no database client). */
export { NETWORKS };
export type NetworkKey = (typeof NETWORKS)[number];

export const NETWORK_LABELS: Record<NetworkKey, string> = {
  SANDBOX: "Sandbox",
  FACEBOOK: "Facebook",
  INSTAGRAM: "Instagram",
  LINKEDIN: "LinkedIn",
  X: "X",
  TIKTOK: "TikTok",
};

function XGlyph(props: ComponentProps<"svg">) {
  return (
    <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden {...props}>
      <path d="M17.75 3h3.07l-6.7 7.66L22 21h-6.17l-4.83-6.32L5.47 21H2.4l7.17-8.2L2 3h6.33l4.37 5.77L17.75 3Zm-1.08 16.2h1.7L7.4 4.73H5.57L16.67 19.2Z" />
    </svg>
  );
}

function TikTokGlyph(props: ComponentProps<"svg">) {
  return (
    <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden {...props}>
      <path d="M16.6 2h-3.3v13.3a2.9 2.9 0 1 1-2.9-2.9c.3 0 .6 0 .9.1V9.1a6.3 6.3 0 1 0 5.3 6.2V8.6a7.9 7.9 0 0 0 4.4 1.4V6.7a4.5 4.5 0 0 1-4.4-4.7Z" />
    </svg>
  );
}

const LUCIDE: Partial<Record<NetworkKey, LucideIcon>> = {
  SANDBOX: FlaskConicalIcon,
  FACEBOOK: FacebookIcon,
  INSTAGRAM: InstagramIcon,
  LINKEDIN: LinkedinIcon,
};

/** Brand-ish tile colours; white glyphs read on all of them in light and dark themes. */
const TILE: Record<NetworkKey, string> = {
  SANDBOX: "bg-violet-600",
  FACEBOOK: "bg-[#1877F2]",
  INSTAGRAM: "bg-gradient-to-br from-[#F58529] via-[#DD2A7B] to-[#8134AF]",
  LINKEDIN: "bg-[#0A66C2]",
  X: "bg-neutral-900 dark:bg-neutral-700",
  TIKTOK: "bg-neutral-900 dark:bg-neutral-700",
};

/**
 * A network's mark on a coloured tile. Decorative unless `label` is given (then it is announced
 * as the network's name).
 */
export function NetworkIcon({ network, size = "md", label, className }: { network: NetworkKey | string; size?: "sm" | "md" | "lg"; label?: boolean; className?: string }) {
  const key = (NETWORKS as readonly string[]).includes(network) ? (network as NetworkKey) : "SANDBOX";
  const Icon = LUCIDE[key];
  const glyph = cn(size === "sm" ? "size-3" : size === "lg" ? "size-5" : "size-4", "text-white");
  return (
    <span
      className={cn("inline-flex shrink-0 items-center justify-center rounded-md", size === "sm" ? "size-5" : size === "lg" ? "size-10 rounded-lg" : "size-8", TILE[key], className)}
      role={label ? "img" : undefined}
      aria-label={label ? NETWORK_LABELS[key] : undefined}
      aria-hidden={label ? undefined : true}
      title={label ? NETWORK_LABELS[key] : undefined}
    >
      {Icon ? <Icon className={glyph} aria-hidden /> : key === "X" ? <XGlyph className={glyph} /> : <TikTokGlyph className={glyph} />}
    </span>
  );
}

export function networkLabel(network: string): string {
  return (NETWORK_LABELS as Record<string, string>)[network] ?? network;
}
