import { createTRPCRouter } from "../../trpc/init";
import { archiveLink } from "./archive";
import { createLink } from "./create";
import { getLink } from "./get";
import { listLinks } from "./list";
import { linkOptions } from "./options";
import { linkQr } from "./qr";
import { updateLink } from "./update";

export const linksRouter = createTRPCRouter({
  list: listLinks,
  get: getLink,
  create: createLink,
  update: updateLink,
  archive: archiveLink,
  qr: linkQr,
  options: linkOptions,
});
