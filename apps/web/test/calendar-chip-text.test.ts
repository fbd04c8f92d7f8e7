import { describe, expect, it } from "vitest";
import { postAccounts, postExcerpt } from "~/app/[orgSlug]/calendar/calendar-model";

describe("what a calendar chip shows", () => {
  it("the start of the text, line breaks folded so two lines hold more than a time and a letter", () => {
    expect(postExcerpt("Hello world")).toBe("Hello world");
    expect(postExcerpt("Fresh sourdough\n\nout of the oven at 9")).toBe("Fresh sourdough out of the oven at 9");
    expect(postExcerpt("   \n ")).toBe("(No text — media only)");
  });

  it("cuts a long text with an ellipsis, never inside an emoji, and stays cheap on a huge post", () => {
    const long = "Our spring menu is here. ".repeat(20);
    const excerpt = postExcerpt(long, 40);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(41);
    expect(postExcerpt("😀".repeat(50), 10)).toBe(`${"😀".repeat(10)}…`);
    const huge = "x".repeat(63_000);
    expect(postExcerpt(huge)).toBe(`${"x".repeat(120)}…`);
  });

  it("each account once, with its picture when the accounts list has one (initials otherwise)", () => {
    const post = {
      targets: [
        { socialAccountId: "a1", socialAccount: { name: "Northwind Bakery" } },
        { socialAccountId: "a2", socialAccount: { name: "Northwind Offers" } },
        { socialAccountId: "a1", socialAccount: { name: "Northwind Bakery" } },
      ],
    };
    expect(postAccounts(post, new Map([["a1", "https://cdn.example/a1.jpg"]]))).toEqual([
      { id: "a1", name: "Northwind Bakery", avatarUrl: "https://cdn.example/a1.jpg" },
      { id: "a2", name: "Northwind Offers", avatarUrl: null },
    ]);
  });
});
