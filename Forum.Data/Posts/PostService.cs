using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Posts;

public sealed class PostService(IDbContextFactory<ForumDbContext> dbFactory, TimeProvider clock)
{
    public async Task<int> CreateAsync(string? userId, NewPost input, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to post a movie.");
        var title = TextRules.Require(input.Title, "The title", PostRules.TitleMax);
        var body = TextRules.Require(input.Body, "The text", PostRules.BodyMax);
        var latestYear = clock.GetUtcNow().Year + 5;
        if (input.Year < PostRules.FirstFilmYear || input.Year > latestYear)
            throw ForumException.Invalid($"The year must be between {PostRules.FirstFilmYear} and {latestYear}.");
        var genres = PostRules.Genres.Where(g => input.Genres?.Contains(g) == true).ToList();
        if (genres.Count == 0 || genres.Count != input.Genres!.Distinct().Count())
            throw ForumException.Invalid("Pick at least one genre from the list.");
        if (genres.Count > PostRules.MaxGenres)
            throw ForumException.Invalid($"Pick at most {PostRules.MaxGenres} genres.");

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
