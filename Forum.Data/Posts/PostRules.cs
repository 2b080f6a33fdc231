namespace Forum.Data.Posts;

public static class PostRules
{
    public const int TitleMax = 200;
    public const int BodyMax = 10_000;
    public const int SynopsisLength = 240;
    public const int MaxGenres = 4;
    public const int FirstFilmYear = 1888;

    public static readonly IReadOnlyList<string> Genres =
    [
        "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
        "Fantasy", "History", "Horror", "Music", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];
}

public enum PostSort
{
    Newest,
    MostDiscussed,
}

public sealed record NewPost(string Title, int Year, IReadOnlyCollection<string> Genres, string Body);

/// <summary>A post in a list; <see cref="AuthorUserName"/> is for the link to the author's profile.</summary>
public sealed record PostSummary(
    int Id, string Title, int Year, string GenreList, string Synopsis,
    string AuthorName, string AuthorUserName, int CommentCount, DateTime CreatedAt);

public sealed record PostDetail(
    int Id, string Title, int Year, string GenreList, string Body,
    string AuthorId, string AuthorName, string AuthorUserName, int CommentCount, DateTime CreatedAt);

/// <summary>Where the next page starts: after the post with this id (and, sorted by discussion, this count).</summary>
public sealed record PostCursor(int Id, int CommentCount);

public sealed record PostQuery(PostSort Sort = PostSort.Newest, string? Genre = null, PostCursor? After = null, int Take = 12);

public sealed record PostPage(IReadOnlyList<PostSummary> Items, PostCursor? Next);
