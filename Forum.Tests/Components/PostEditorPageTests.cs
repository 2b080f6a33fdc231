using AngleSharp.Dom;
using Bunit;
using Forum.App.Components.Shared;
using Forum.App.Features.Posts;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components;

/// <summary>The new post form says what the rules allow, field by field, and keeps what was typed.</summary>
public sealed class PostEditorPageTests : ComponentTest
{
    private const string YearRule = "The year must be between 1888 and 2031";

    private string Uri => H.Context.Services.GetRequiredService<NavigationManager>().Uri;

    private async Task<int> PostCountAsync() => (await H.Db.SnapshotAsync()).Posts;

    private IElement Field(IRenderedComponent<PostEditorPage> page, string id) => page.Find($"#{id}").Closest(".mud-input-control")!;

    private async Task<IRenderedComponent<PostEditorPage>> RenderFilledAsync(string title = "Solaris", string year = "1972", string body = "A station above an ocean.")
    {
        var page = H.Render<PostEditorPage>();
        await page.ChangeAsync("#post-title", title);
        await page.ChangeAsync("#post-year", year);
        await page.ChangeAsync("#post-body", body);
        return page;
    }

    private IReadOnlyList<IElement> GenreItems() => H.Popovers!.FindAll(".mud-list-item");

    private void OpenGenres(IRenderedComponent<PostEditorPage> page)
    {
        Field(page, "post-genres").MouseDown();
        H.Popovers!.WaitForAssertion(() => Assert.Equal(PostRules.Genres.Count, GenreItems().Count));
    }

    private void Pick(string genre) => GenreItems().Single(i => i.TextContent.Trim() == genre).Click();

    [Fact]
    public async Task NewPostPage_EmptyForm_MarksEveryFieldWithItsRuleAndCreatesNothing()
    {
        var page = H.Render<PostEditorPage>();
        await page.SubmitAsync("form");

        page.WaitForAssertion(() => Assert.Contains("The title cannot be empty.", Field(page, "post-title").TextContent));
        foreach (var id in new[] { "post-title", "post-year", "post-genres", "post-body" }) await page.BlurAsync($"#{id}"); // re-validates
        Assert.Contains("The title cannot be empty.", Field(page, "post-title").TextContent);
        Assert.Contains("Give the year it came out (1888 to 2031).", Field(page, "post-year").TextContent);
        Assert.Contains("Pick at least one genre from the list.", Field(page, "post-genres").TextContent);
        Assert.Contains("The text cannot be empty.", Field(page, "post-body").TextContent);
        Assert.All(new[] { "post-title", "post-year", "post-genres", "post-body" },
            id => Assert.Contains("mud-input-error", Field(page, id).InnerHtml));
        Assert.Equal(0, await PostCountAsync() - 1); // only the harness's "Heat"
        Assert.EndsWith("/", Uri);
    }

    [Fact]
    public async Task NewPostPage_Year1800_IsKeptAsTypedWithTheAllowedRange()
    {
        var page = await RenderFilledAsync(year: "1800");
        await page.BlurAsync("#post-year"); // MudBlazor re-validates on blur: the rule's message must survive it
        OpenGenres(page);
        Pick("Sci-Fi");

        page.WaitForAssertion(() => Assert.Contains($"{YearRule}: films start in 1888.", Field(page, "post-year").TextContent));
        Assert.Equal("1800", page.Find("#post-year").GetAttribute("value"));
        await page.SubmitAsync("form");

        Assert.Equal("1800", page.Find("#post-year").GetAttribute("value"));
        Assert.Equal(1, await PostCountAsync());
    }

    [Fact]
    public async Task NewPostPage_GenresEmptiedAgain_MarksTheGenresField()
    {
        var page = await RenderFilledAsync();
        OpenGenres(page);
        Pick("Drama");
        Pick("Drama");

        page.WaitForAssertion(() => Assert.Contains("Pick at least one genre from the list.", Field(page, "post-genres").TextContent));
        Assert.Contains("mud-input-error", Field(page, "post-genres").InnerHtml);
        await page.SubmitAsync("form");
        Assert.Equal(1, await PostCountAsync());
    }

    [Fact]
    public async Task NewPostPage_FourGenresPicked_TheOthersAreDisabledAndThePageSaysSo()
    {
        var page = await RenderFilledAsync();
        OpenGenres(page);
        foreach (var genre in new[] { "Crime", "Drama", "Mystery", "Sci-Fi" }) Pick(genre);

        page.WaitForAssertion(() => Assert.Contains(PostRules.GenresFullNote, Field(page, "post-genres").TextContent));
        var disabled = GenreItems().Where(i => i.ClassList.Contains("mud-list-item-disabled")).Select(i => i.TextContent.Trim());
        Assert.Equal(PostRules.Genres.Except(["Crime", "Drama", "Mystery", "Sci-Fi"]), disabled);
        Pick("War"); // disabled: nothing happens
        await page.SubmitAsync("form");

        page.WaitForAssertion(() => Assert.Contains("/posts/", Uri));
        var post = (await H.Db.PostQueries.ListAsync(new PostQuery(), Ct)).Items[0];
        Assert.Equal(("Solaris", "Crime, Drama, Mystery, Sci-Fi"), (post.Title, post.GenreList));
    }

    [Fact]
    public async Task NewPostPage_EmojiText_CountedAsCharactersAReaderSees()
    {
        var page = await RenderFilledAsync(body: string.Concat(Enumerable.Repeat("👍🏽", 5_000))); // 20,000 UTF-16 units

        page.WaitForAssertion(() => Assert.Equal("5,000 / 10,000", page.FindAll(".rule-text-counter")[1].TextContent.Trim()));
        Assert.Equal("7 / 200", page.FindAll(".rule-text-counter")[0].TextContent.Trim());
        Assert.DoesNotContain("mud-input-error", Field(page, "post-body").InnerHtml);
    }

    [Fact]
    public async Task NewPostPage_OneEmojiTooMany_TheRuleSaysSoAndNothingIsCreated()
    {
        var page = await RenderFilledAsync(body: string.Concat(Enumerable.Repeat("🎬", PostRules.BodyMax + 1)));
        OpenGenres(page);
        Pick("Drama");
        // The browser may take the text (its maxlength counts UTF-16 units, at twice the rule's cap) so the rule can speak.
        Assert.Equal(LongText.MaxFieldUnits(PostRules.Body).ToString(), page.Find("#post-body").GetAttribute("maxlength"));

        await page.SubmitAsync("form");

        page.WaitForAssertion(() => Assert.Contains("The text is too long (10,001 characters; the limit is 10,000).", Field(page, "post-body").TextContent));
        Assert.Contains("mud-error-text", page.FindAll(".rule-text-counter")[1].ClassName);
        Assert.Equal(1, await PostCountAsync());
    }

    [Fact]
    public async Task NewPostPage_DraftsInTheBrowser_AreRestoredThenClearedOncePublished()
    {
        H.Context.JSInterop.Setup<Draft?[]>("forum.drafts.read", _ => true).SetResult(
            [new Draft("Stalker", null), new Draft("1979", null), new Draft("Drama,Sci-Fi", null), new Draft("Three men walk into the Zone.", null)]);

        var page = H.Render<PostEditorPage>();

        page.WaitForAssertion(() => Assert.Equal("Stalker", page.Find("#post-title").GetAttribute("value")));
        Assert.Equal("1979", page.Find("#post-year").GetAttribute("value"));
        Assert.Equal("Three men walk into the Zone.", page.Find("#post-body").GetAttribute("value"));
        await page.SubmitAsync("form");

        page.WaitForAssertion(() => Assert.Contains("/posts/", Uri));
        Assert.Equal("Drama, Sci-Fi", (await H.Db.PostQueries.ListAsync(new PostQuery(), Ct)).Items[0].GenreList);
        var cleared = (string[])H.Context.JSInterop.VerifyInvoke("forum.drafts.clear").Arguments[0]!;
        Assert.Equal(["title", "year", "genres", "body"], cleared.Select(k => k.Split(':')[^1]));
        Assert.All(cleared, k => Assert.StartsWith($"{Alice}:post:new:", k));
    }
}
