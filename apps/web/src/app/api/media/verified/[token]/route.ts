import { serveVerifiedMedia } from "@mg/integrations/media";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ token: string }> };

/**
 * `<APP_URL>/api/media/verified/<token>`: a media file stored off this domain (uploadthing), served
 * from the app's own domain for networks that pull media only from URL prefixes the app verified
 * with them (TikTok photos). The token is this server's signature over the file's URL and an
 * expiry; anything else is a 404.
 */
async function serve(req: Request, context: RouteContext): Promise<Response> {
  const { token } = await context.params;
  return serveVerifiedMedia(req, token);
}

export function GET(req: Request, context: RouteContext) {
  return serve(req, context);
}

export function HEAD(req: Request, context: RouteContext) {
  return serve(req, context);
}
