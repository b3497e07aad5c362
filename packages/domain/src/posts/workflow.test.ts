import { BUILTIN_ROLE_PERMISSIONS, type BuiltinRole } from "@folio/auth";
import { type PostStatus, PostStatusValues, type WorkflowAction, WorkflowActionValues } from "@folio/types";
import { describe, expect, it } from "vitest";
import { allowedActions, canEdit, canTake, canTrash, canView, type PostActor, WORKFLOW } from "./workflow.js";

const actor = (role: BuiltinRole): PostActor => ({
  userId: "01900000-0000-7000-8000-000000000001",
  role,
  permissions: new Set(BUILTIN_ROLE_PERMISSIONS[role]),
});

// The expected table, written out independently of WORKFLOW: action -> from-statuses -> to.
const EXPECTED: Record<WorkflowAction, [PostStatus[], PostStatus]> = {
  submit: [["draft"], "in_review"],
  withdraw: [["in_review", "approved"], "draft"],
  approve: [["in_review"], "approved"],
  reject: [["in_review", "approved"], "draft"],
  publish: [["draft", "in_review", "approved", "scheduled"], "published"],
  schedule: [["draft", "in_review", "approved", "scheduled"], "scheduled"],
  unschedule: [["scheduled"], "draft"],
  unpublish: [["published"], "draft"],
  archive: [["draft", "approved", "published"], "archived"],
  unarchive: [["archived"], "draft"],
};

// Which actions each role may take on a post, on its own posts and on someone else's.
const CONTRIBUTOR_ACTIONS: WorkflowAction[] = ["submit", "withdraw"];
const AUTHOR_ACTIONS: WorkflowAction[] = [
  "submit",
  "withdraw",
  "publish",
  "schedule",
  "unschedule",
  "unpublish",
  "archive",
  "unarchive",
];
const ROLE_MATRIX: Record<BuiltinRole, { own: WorkflowAction[]; others: WorkflowAction[] }> = {
  owner: { own: [...WorkflowActionValues], others: [...WorkflowActionValues] },
  admin: { own: [...WorkflowActionValues], others: [...WorkflowActionValues] },
  editor: { own: [...WorkflowActionValues], others: [...WorkflowActionValues] },
  author: { own: AUTHOR_ACTIONS, others: [] },
  contributor: { own: CONTRIBUTOR_ACTIONS, others: [] },
  member: { own: [], others: [] },
};

describe("workflow transition table", () => {
  it("moves each action from exactly the expected statuses to the expected status", () => {
    for (const action of WorkflowActionValues) {
      const [from, to] = EXPECTED[action];
      expect({ action, from: [...WORKFLOW[action].from].sort(), to: WORKFLOW[action].to }).toEqual({
        action,
        from: [...from].sort(),
        to,
      });
    }
    expect(WORKFLOW.reject.commentRequired).toBe(true);
  });

  const cases = (Object.keys(ROLE_MATRIX) as BuiltinRole[]).flatMap((role) =>
    [true, false].map((own) => ({ role, own })),
  );

  // One test per role and ownership, each checking every status × action of the table.
  it.each(cases)("$role (own post: $own): every status × action", ({ role, own }) => {
    const actual: string[] = [];
    const expected: string[] = [];
    for (const status of PostStatusValues) {
      for (const action of WorkflowActionValues) {
        const facts = { type: "post" as const, status, deletedAt: null, own };
        const permitted = (own ? ROLE_MATRIX[role].own : ROLE_MATRIX[role].others).includes(action);
        if (permitted && EXPECTED[action][0].includes(status)) expected.push(`${status}:${action}`);
        if (canTake(actor(role), facts, action)) actual.push(`${status}:${action}`);
      }
    }
    expect(actual).toEqual(expected);
  });

  it("lets nobody act on a post in the trash", () => {
    for (const role of ["owner", "editor", "author"] as const)
      expect(
        allowedActions(actor(role), { type: "post", status: "draft", deletedAt: new Date(), own: true }),
      ).toEqual([]);
  });

  it("needs pages:manage for every action on a page", () => {
    const page = { type: "page" as const, status: "draft" as const, deletedAt: null, own: true };
    expect(allowedActions(actor("author"), page)).toEqual([]);
    expect(allowedActions(actor("contributor"), page)).toEqual([]);
    expect(allowedActions(actor("editor"), page)).toEqual(["submit", "publish", "schedule", "archive"]);
    expect(canView(actor("author"), page)).toBe(false);
    expect(canView(actor("editor"), page)).toBe(true);
  });
});

describe("edit, view and trash rules", () => {
  const post = (status: PostStatus, own: boolean) => ({
    type: "post" as const,
    status,
    deletedAt: null,
    own,
  });

  it("lets contributors edit their own drafts only", () => {
    expect(canEdit(actor("contributor"), post("draft", true))).toBe(true);
    expect(canEdit(actor("contributor"), post("in_review", true))).toBe(false);
    expect(canEdit(actor("contributor"), post("draft", false))).toBe(false);
  });

  it("lets authors edit their own posts in any status, editors anyone's", () => {
    expect(canEdit(actor("author"), post("published", true))).toBe(true);
    expect(canEdit(actor("author"), post("draft", false))).toBe(false);
    expect(canEdit(actor("editor"), post("in_review", false))).toBe(true);
  });

  it("hides other people's posts from contributors and authors", () => {
    expect(canView(actor("author"), post("draft", false))).toBe(false);
    expect(canView(actor("contributor"), post("published", false))).toBe(false);
    expect(canView(actor("editor"), post("draft", false))).toBe(true);
  });

  it("lets authors trash their own posts, contributors none, editors any", () => {
    expect(canTrash(actor("author"), post("draft", true))).toBe(true);
    expect(canTrash(actor("author"), post("draft", false))).toBe(false);
    expect(canTrash(actor("contributor"), post("draft", true))).toBe(false);
    expect(canTrash(actor("editor"), post("published", false))).toBe(true);
  });
});
