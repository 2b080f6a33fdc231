using Forum.Data.Comments;
using Forum.Data.Posts;

namespace Forum.Tests.TestSupport;

/// <summary>A fresh thread per test on a shared app: an owner, a writer who comments on the owner's post, and the post.</summary>
public sealed record LiveScenario(ForumAppFactory App, string Owner, string OwnerId, string Writer, string WriterId, int PostId)
{
    public static async Task<LiveScenario> CreateAsync(ForumAppFactory app)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (owner, writer) = ($"own{tag}", $"wri{tag}");
        var ownerId = await app.AddMemberAsync(owner);
        var writerId = await app.AddMemberAsync(writer);
        var post = await app.Get<PostService>().CreateAsync(ownerId, new NewPost($"Film {tag}", 1999, ["Drama"], "About it."),
            Xunit.TestContext.Current.CancellationToken);
        return new LiveScenario(app, owner, ownerId, writer, writerId, post);
    }

    /// <summary>The writer comments on the owner's post through the service the pages and the API use.</summary>
    public Task<CommentView> CommentAsync(string body = "Nice one", int? parentId = null) =>
        App.Get<CommentService>().AddAsync(WriterId, new NewComment(PostId, body, parentId), Xunit.TestContext.Current.CancellationToken);
}
