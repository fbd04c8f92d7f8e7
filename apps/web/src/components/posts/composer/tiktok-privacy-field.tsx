"use client";

import { useId } from "react";
import { Label } from "@mg/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { isTikTokPrivacyLevel, TIKTOK_PRIVACY_LABELS, TIKTOK_PRIVACY_LEVELS, type TikTokPrivacyLevel } from "./composer-state";

/**
 * Who can see a TikTok post. Deliberately without a default: TikTok requires the user to choose.
 * Which levels the account may use is TikTok's answer when the post goes out; a refusal shows
 * TikTok's own reason on the post.
 */
export function TikTokPrivacyField({ value, onChange, accountName, disabled }: { value: TikTokPrivacyLevel | null; onChange: (value: TikTokPrivacyLevel) => void; accountName: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="grid gap-2 rounded-lg border p-3" data-testid="tiktok-privacy">
      <Label htmlFor={id} className="font-medium">
        Who can see this TikTok post
      </Label>
      <Select value={value ?? ""} onValueChange={(next) => (isTikTokPrivacyLevel(next) ? onChange(next) : undefined)} disabled={disabled}>
        <SelectTrigger id={id} aria-label={`Who can see the post on ${accountName}`} className="w-full">
          <SelectValue placeholder="Choose who can see it" />
        </SelectTrigger>
        <SelectContent>
          {TIKTOK_PRIVACY_LEVELS.map((level) => (
            <SelectItem key={level} value={level}>
              {TIKTOK_PRIVACY_LABELS[level]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <p className="text-xs text-muted-foreground">TikTok decides which of these this account may use. Until TikTok has reviewed this app, posts can only be “Only me”, on private accounts.</p>
    </div>
  );
}
