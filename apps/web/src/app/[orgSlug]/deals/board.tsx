"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { ArrowRightIcon, GripVerticalIcon, PlusIcon, RotateCcwIcon, Trash2Icon, TrophyIcon, XCircleIcon } from "lucide-react";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { DropdownMenuItem, DropdownMenuSeparator, DropdownMenuSub, DropdownMenuSubContent, DropdownMenuSubTrigger } from "@mg/ui/dropdown-menu";
import { cn } from "@mg/ui/lib/utils";
import { RowActionsMenu } from "~/components/row-actions-menu";
import { useOrg } from "../org-context";
import { dropOf, moveToEnd, STAGE_PREFIX, stageDropId, type Drop } from "./board-model";
import { formatCloseDate, formatMinor, personName, type Board, type BoardCard, type BoardStage, type Person } from "./money";
import type { MoveRequest } from "./use-deal-actions";

interface Pending {
  dealId: string;
  stageId: string;
  order: string[];
}

interface BoardProps {
  board: Board;
  people: readonly Person[];
  canMove: boolean;
  canCreate: boolean;
  canDelete: boolean;
  onMove: (request: MoveRequest) => Promise<void>;
  onNewDeal: (stageId: string) => void;
  onClose: (deal: BoardCard, outcome: "WON" | "LOST") => void;
  onReopen: (deal: BoardCard) => void;
  onDelete: (deal: BoardCard) => void;
}

/** The stages' cards in board order, with a move in flight already applied (optimistic). */
function columnsOf(board: Board, pending: Pending | null): Map<string, BoardCard[]> {
  const columns = new Map(board.stages.map((s) => [s.id, s.deals.filter((d) => d.id !== pending?.dealId)]));
  if (pending) {
    const moving = board.stages.flatMap((s) => s.deals).find((d) => d.id === pending.dealId);
    if (moving) {
      const byId = new Map([...(columns.get(pending.stageId) ?? []), moving].map((d) => [d.id, d]));
      columns.set(
        pending.stageId,
        pending.order.flatMap((id) => {
          const deal = byId.get(id);
          return deal ? [deal] : [];
        }),
      );
    }
  }
  return columns;
}

/**
 * The kanban of one pipeline. Cards move by pointer (drag), by keyboard (focus a card's handle,
 * Space, arrows, Space — announced), or through the card's "Move to stage" menu. A drop writes
 * one deal: its stage and its place between the two cards it landed between.
 */
export function DealBoard({ board, people, canMove, canCreate, canDelete, onMove, onNewDeal, onClose, onReopen, onDelete }: BoardProps) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const columns = useMemo(() => columnsOf(board, pending), [board, pending]);
  const stageOf = (dealId: string) => board.stages.find((s) => columns.get(s.id)?.some((d) => d.id === dealId));
  const dealById = new Map(board.stages.flatMap((s) => s.deals).map((d) => [d.id, d]));
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const describe = (id: UniqueIdentifier) => {
    const key = String(id);
    if (key.startsWith(STAGE_PREFIX)) return `the end of ${board.stages.find((s) => s.id === key.slice(STAGE_PREFIX.length))?.name ?? "a stage"}`;
    const deal = dealById.get(key);
    const stage = stageOf(key);
    return deal && stage ? `${deal.name} in ${stage.name}` : "a deal";
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${dealById.get(String(active.id))?.name ?? "deal"}.`,
    onDragOver: ({ over }) => (over ? `Over ${describe(over.id)}.` : "Not over a stage."),
    onDragEnd: ({ over }) => (over ? `Dropped at ${describe(over.id)}.` : "Dropped outside the board; nothing changed."),
    onDragCancel: () => "Move cancelled; nothing changed.",
  };

  async function commit(dealId: string, drop: Drop) {
    const deal = dealById.get(dealId);
    const stage = board.stages.find((s) => s.id === drop.stageId);
    if (!deal || !stage) return;
    setPending({ dealId, stageId: stage.id, order: drop.order });
    try {
      await onMove({ dealId, dealName: deal.name, stageId: stage.id, stageName: stage.name, stageKind: stage.kind, afterDealId: drop.afterDealId, beforeDealId: drop.beforeDealId });
    } finally {
      setPending(null);
    }
  }

  const columnIds = () => new Map([...columns].map(([stageId, deals]) => [stageId, deals.map((d) => d.id)]));

  function onDragStart(event: DragStartEvent) {
    setActiveId(String(event.active.id));
  }

  function onDragEnd(event: DragEndEvent) {
    setActiveId(null);
    const dealId = String(event.active.id);
    const drop = dropOf(columnIds(), dealId, event.over ? String(event.over.id) : null);
    if (drop) void commit(dealId, drop);
  }

  function moveTo(deal: BoardCard, stage: BoardStage) {
    void commit(deal.id, moveToEnd(columnIds(), deal.id, stage.id));
  }

  const active = activeId ? dealById.get(activeId) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: "To move a deal, press Space on its handle, use the arrow keys to choose a place, and Space again to drop it; Escape cancels. Or open the deal's actions and choose Move to stage.",
        },
      }}
    >
      <section aria-label={`Stages of ${board.pipeline.name}`} tabIndex={0} className="-mx-1 flex min-h-[24rem] gap-3 overflow-x-auto rounded-lg px-1 pb-3 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50" data-testid="deal-board">
        {board.stages.map((stage) => (
          <StageColumn
            key={stage.id}
            stage={stage}
            deals={columns.get(stage.id) ?? []}
            stages={board.stages}
            people={people}
            canMove={canMove}
            canCreate={canCreate}
            canDelete={canDelete}
            onNewDeal={() => onNewDeal(stage.id)}
            onMoveTo={moveTo}
            onClose={onClose}
            onReopen={onReopen}
            onDelete={onDelete}
          />
        ))}
      </section>
      <DragOverlay>{active ? <CardBody deal={active} people={people} className="rotate-1 shadow-lg" /> : null}</DragOverlay>
    </DndContext>
  );
}

function StageTotals({ stage }: { stage: BoardStage }) {
  if (stage.totals.length === 0) return <p className="text-xs text-muted-foreground">No deals</p>;
  return (
    <ul className="grid gap-0.5 text-xs text-muted-foreground" aria-label={`Totals of ${stage.name}`}>
      {stage.totals.map((t) => (
        <li key={t.currency} className="tabular-nums">
          <span className="font-medium text-foreground">{formatMinor(t.totalMinor, t.currency)}</span>
          {stage.kind === "OPEN" ? <> · weighted {formatMinor(t.weightedMinor, t.currency)}</> : null}
        </li>
      ))}
    </ul>
  );
}

function StageColumn({
  stage,
  deals,
  stages,
  people,
  canMove,
  canCreate,
  canDelete,
  onNewDeal,
  onMoveTo,
  onClose,
  onReopen,
  onDelete,
}: {
  stage: BoardStage;
  deals: BoardCard[];
  stages: BoardStage[];
  people: readonly Person[];
  canMove: boolean;
  canCreate: boolean;
  canDelete: boolean;
  onNewDeal: () => void;
  onMoveTo: (deal: BoardCard, stage: BoardStage) => void;
  onClose: (deal: BoardCard, outcome: "WON" | "LOST") => void;
  onReopen: (deal: BoardCard) => void;
  onDelete: (deal: BoardCard) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stageDropId(stage.id), disabled: !canMove });
  const hidden = stage.count - deals.length;
  const headingId = `stage-${stage.id}`;
  return (
    <div ref={setNodeRef} className={cn("flex w-72 shrink-0 flex-col gap-2 rounded-xl border bg-muted/40 p-2", isOver && "border-primary/60 bg-primary/5")} data-testid="deal-stage" data-stage={stage.name}>
      <div className="grid gap-1 px-1 pt-1">
        <div className="flex items-center justify-between gap-2">
          <h3 id={headingId} className="truncate text-sm font-semibold">
            {stage.name}
          </h3>
          <div className="flex items-center gap-1">
            <Badge variant={stage.kind === "WON" ? "success" : stage.kind === "LOST" ? "outline" : "secondary"} className="tabular-nums">
              {stage.count}
            </Badge>
            {canCreate && stage.kind === "OPEN" ? (
              <Button variant="ghost" size="icon-sm" aria-label={`New deal in ${stage.name}`} onClick={onNewDeal}>
                <PlusIcon aria-hidden />
              </Button>
            ) : null}
          </div>
        </div>
        <p className="text-xs text-muted-foreground">{stage.kind === "OPEN" ? `${stage.probability} % probability` : stage.kind === "WON" ? "Won" : "Lost"}</p>
        <StageTotals stage={stage} />
      </div>
      <SortableContext items={deals.map((d) => d.id)} strategy={verticalListSortingStrategy}>
        <ul aria-labelledby={headingId} className="grid min-h-16 content-start gap-2">
          {deals.map((deal) => (
            <SortableCard key={deal.id} deal={deal} stage={stage} stages={stages} people={people} canMove={canMove} canDelete={canDelete} onMoveTo={onMoveTo} onClose={onClose} onReopen={onReopen} onDelete={onDelete} />
          ))}
        </ul>
      </SortableContext>
      {deals.length === 0 ? <p className="px-1 pb-2 text-xs text-muted-foreground">{canMove ? "Drop a deal here." : "Nothing here yet."}</p> : null}
      {hidden > 0 ? <p className="px-1 pb-1 text-xs text-muted-foreground">+{hidden} more — see the list view</p> : null}
    </div>
  );
}

function CardBody({ deal, people, className, menu, handle }: { deal: BoardCard; people: readonly Person[]; className?: string; menu?: React.ReactNode; handle?: React.ReactNode }) {
  const { slug } = useOrg();
  return (
    <div className={cn("group relative grid gap-1.5 rounded-lg border bg-card p-3 text-sm shadow-xs", className)}>
      <div className="flex items-start gap-1">
        {handle}
        <Link href={`/${slug}/deals/${deal.id}`} className="min-w-0 flex-1 font-medium break-words outline-none hover:text-primary focus-visible:underline">
          {deal.name}
        </Link>
        {menu}
      </div>
      <p className="font-semibold tabular-nums">{formatMinor(deal.amountMinor, deal.currency)}</p>
      <dl className="grid grid-cols-[1fr_auto] gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
        {deal.companyName ? (
          <div className="col-span-2">
            <dt className="sr-only">Company</dt>
            <dd className="truncate">{deal.companyName}</dd>
          </div>
        ) : null}
        <div className="min-w-0">
          <dt className="sr-only">Owner</dt>
          <dd className="truncate">{personName(people, deal.ownerUserId)}</dd>
        </div>
        <div>
          <dt className="sr-only">{deal.closedAt ? "Closed" : "Expected close"}</dt>
          <dd>{deal.closedAt ? `Closed ${formatCloseDate(deal.closedAt.toISOString().slice(0, 10))}` : formatCloseDate(deal.expectedCloseOn)}</dd>
        </div>
        {deal.lostReason ? (
          <div className="col-span-2">
            <dt className="sr-only">Lost because</dt>
            <dd className="line-clamp-2">“{deal.lostReason}”</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

function SortableCard({
  deal,
  stage,
  stages,
  people,
  canMove,
  canDelete,
  onMoveTo,
  onClose,
  onReopen,
  onDelete,
}: {
  deal: BoardCard;
  stage: BoardStage;
  stages: BoardStage[];
  people: readonly Person[];
  canMove: boolean;
  canDelete: boolean;
  onMoveTo: (deal: BoardCard, stage: BoardStage) => void;
  onClose: (deal: BoardCard, outcome: "WON" | "LOST") => void;
  onReopen: (deal: BoardCard) => void;
  onDelete: (deal: BoardCard) => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: deal.id, disabled: !canMove });
  const handle = canMove ? (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={`Move ${deal.name}`}
      className="-ml-1 flex size-6 shrink-0 cursor-grab touch-none items-center justify-center rounded text-muted-foreground outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 active:cursor-grabbing"
    >
      <GripVerticalIcon aria-hidden className="size-4" />
    </button>
  ) : null;
  const menu =
    canMove || canDelete ? (
      <RowActionsMenu name={deal.name} triggerClassName="-mt-1 -mr-1 size-7">
        {canMove ? (
          <>
            <DropdownMenuSub>
              <DropdownMenuSubTrigger>
                <ArrowRightIcon aria-hidden /> Move to stage
              </DropdownMenuSubTrigger>
              <DropdownMenuSubContent>
                {stages
                  .filter((s) => s.id !== stage.id)
                  .map((s) => (
                    <DropdownMenuItem key={s.id} onSelect={() => (s.kind === "OPEN" ? onMoveTo(deal, s) : onClose(deal, s.kind))}>
                      {s.name}
                    </DropdownMenuItem>
                  ))}
              </DropdownMenuSubContent>
            </DropdownMenuSub>
            {stage.kind === "OPEN" ? (
              <>
                <DropdownMenuItem onSelect={() => onClose(deal, "WON")}>
                  <TrophyIcon aria-hidden /> Mark as won
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => onClose(deal, "LOST")}>
                  <XCircleIcon aria-hidden /> Mark as lost
                </DropdownMenuItem>
              </>
            ) : (
              <DropdownMenuItem onSelect={() => onReopen(deal)}>
                <RotateCcwIcon aria-hidden /> Reopen
              </DropdownMenuItem>
            )}
          </>
        ) : null}
        {canDelete ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="destructive" onSelect={() => onDelete(deal)}>
              <Trash2Icon aria-hidden /> Delete
            </DropdownMenuItem>
          </>
        ) : null}
      </RowActionsMenu>
    ) : null;
  return (
    <li ref={setNodeRef} style={{ transform: transform ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)` : undefined, transition }} className={cn(isDragging && "opacity-40")} data-testid="deal-card" data-name={deal.name}>
      <CardBody deal={deal} people={people} handle={handle} menu={menu} />
    </li>
  );
}
