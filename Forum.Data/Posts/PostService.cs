using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Posts;

public sealed class PostService(IDbContextFactory<ForumDbContext> dbFactory, TimeProvider clock)
{
    public async Task<int> CreateAsync(string? userId, NewPost input, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to post a movie.");
        var title = PostRules.Title.Require(input.Title);
        var body = PostRules.Body.Require(input.Body);
        if (PostRules.YearProblem(input.Year, clock.GetUtcNow()) is { } yearProblem) throw ForumException.Invalid(yearProblem);
        if (PostRules.GenresProblem(input.Genres) is { } genresProblem) throw ForumException.Invalid(genresProblem);
        var genres = PostRules.Genres.Where(input.Genres.Contains).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            throw ForumException.SignInRequired("Your account no longer exists; sign in again.");
        var post = new Post
        {
            AuthorId = userId,
            Title = title,
            Year = input.Year,
            Body = body,
            Synopsis = TextRules.Excerpt(body, PostRules.SynopsisLength),
            GenreList = string.Join(", ", genres),
            Genres = genres.Select(g => new PostGenre { Genre = g }).ToList(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        return post.Id;
    }
}
