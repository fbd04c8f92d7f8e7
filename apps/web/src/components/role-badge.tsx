import { ROLE_LABELS, type Role } from "@mg/api/rbac";
import { Badge } from "@mg/ui/badge";

const VARIANT: Record<Role, "default" | "secondary" | "outline"> = {
  OWNER: "default",
  ADMIN: "default",
  CONTENT_MANAGER: "secondary",
  CONTENT_EDITOR: "secondary",
  ANALYST: "secondary",
  VIEWER: "outline",
};

export function RoleBadge({ role, ...props }: { role: Role } & React.ComponentProps<typeof Badge>) {
  return (
    <Badge variant={VARIANT[role]} {...props}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}
