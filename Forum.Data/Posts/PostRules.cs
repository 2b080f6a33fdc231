namespace Forum.Data.Posts;

public static class PostRules
{
    public const int TitleMax = 200;
    public const int BodyMax = 10_000;
    public const int SynopsisLength = 240;
    public const int MaxGenres = 4;
    public const int FirstFilmYear = 1888;
    public const int YearsAhead = 5;

    public static readonly TextRule Title = new("The title", TitleMax, SingleLine: true);
    public static readonly TextRule Body = new("The text", BodyMax);

    public static readonly IReadOnlyList<string> Genres =
    [
        "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
        "Fantasy", "History", "Horror", "Music", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    public static int LatestYear(DateTimeOffset now) => now.Year + YearsAhead;

    /// <summary>What is wrong with <paramref name="year"/> (null when nothing is); the page shows it under the field as typed.</summary>
    public static string? YearProblem(int? year, DateTimeOffset now) => year switch
    {
        null => $"Give the year it came out ({FirstFilmYear} to {LatestYear(now)}).",
        < FirstFilmYear => $"The year must be between {FirstFilmYear} and {LatestYear(now)}: films start in {FirstFilmYear}.",
        _ when year > LatestYear(now) => $"The year must be between {FirstFilmYear} and {LatestYear(now)}: at most {YearsAhead} years ahead.",
        _ => null,
    };

    /// <summary>What is wrong with the picked genres (null when nothing is).</summary>
    public static string? GenresProblem(IReadOnlyCollection<string>? genres)
    {
        var known = genres?.Where(Genres.Contains).Distinct().Count() ?? 0;
        if (known == 0 || known != genres!.Distinct().Count()) return "Pick at least one genre from the list.";
        return known > MaxGenres ? $"Pick at most {MaxGenres} genres." : null;
    }

    /// <summary>The post as it will be stored, or the first rule it breaks (as a <see cref="ForumException"/>).</summary>
    public static ValidPost Validate(NewPost input, DateTimeOffset now)
    {
        var title = Title.Require(input.Title);
        var body = Body.Require(input.Body);
        if (YearProblem(input.Year, now) is { } yearProblem) throw ForumException.Invalid(yearProblem);
        if (GenresProblem(input.Genres) is { } genresProblem) throw ForumException.Invalid(genresProblem);
        return new ValidPost(title, input.Year, [.. Genres.Where(input.Genres.Contains)], body);
    }

    /// <summary>Shown once the most genres are picked (the other items are then disabled).</summary>
    public static string GenresFullNote => $"{MaxGenres} genres picked, the most a post can have: unpick one to choose another.";
}

public enum PostSort
{
    Newest,
    MostDiscussed,
}

/// <summary>A post as the member wrote it; <see cref="RequestId"/> identifies the draft so a repeated submit stores it once.</summary>
public sealed record NewPost(string Title, int Year, IReadOnlyCollection<string> Genres, string Body, Guid? RequestId = null);

/// <summary>A post that passed <see cref="PostRules.Validate"/>: trimmed, normalized, genres in the list's order.</summary>
public sealed record ValidPost(string Title, int Year, IReadOnlyList<string> Genres, string Body)
{
    public string Synopsis => TextRules.Excerpt(Body, PostRules.SynopsisLength);
    public string GenreList => string.Join(", ", Genres);
}

/// <summary>A post in a list; <see cref="AuthorUserName"/> is for the link to the author's profile.</summary>
public sealed record PostSummary(
    int Id, string Title, int Year, string GenreList, string Synopsis,
    string AuthorName, string AuthorUserName, int CommentCount, DateTime CreatedAt);

/// <summary>A post's page; <see cref="State"/> is other than visible only for a moderator reviewing it.</summary>
public sealed record PostDetail(
    int Id, string Title, int Year, string GenreList, string Body,
    string AuthorId, string AuthorName, string AuthorUserName, int CommentCount, DateTime CreatedAt, DateTime? EditedAt = null,
    Moderation.ModerationState State = Moderation.ModerationState.Visible);

/// <summary>Where the next page starts: after the post with this id (and, sorted by discussion, this count).</summary>
public sealed record PostCursor(int Id, int CommentCount);

public sealed record PostQuery(PostSort Sort = PostSort.Newest, string? Genre = null, PostCursor? After = null, int Take = 12);

public sealed record PostPage(IReadOnlyList<PostSummary> Items, PostCursor? Next);
