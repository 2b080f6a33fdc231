namespace Forum.Data;

/// <summary>Which database engine holds the forum.</summary>
public enum DataProvider
{
    /// <summary>One file beside the app (the default): one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by <c>ConnectionStrings:Forum</c>: several nodes can share it.</summary>
    Postgres,
}

/// <summary>Bound from "Forum:Data".</summary>
public sealed class ForumDataOptions
{
    /// <summary>Sqlite (default) or Postgres.</summary>
    public DataProvider Provider { get; set; } = DataProvider.Sqlite;

    /// <summary>Where forum.db lives; relative paths resolve against the app's content root.</summary>
    public string Directory { get; set; } = "data";

    /// <summary>A full SQLite connection string; when set, <see cref="Directory"/> is not used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// WAL checkpoints in a background service (<see cref="SqliteCheckpointer"/>) instead of inside the commit that fills
    /// the log, so no request waits for one.
    /// </summary>
    public bool BackgroundCheckpoints { get; set; } = true;

    /// <summary>Fill an empty database with demo members, movies and comments on start-up.</summary>
    public bool SeedDemoData { get; set; } = true;

    public string ResolveConnectionString(string contentRoot) =>
        string.IsNullOrWhiteSpace(ConnectionString) ? $"Data Source={Path.Combine(ResolveDirectory(contentRoot), "forum.db")}" : ConnectionString;

    /// <summary>The data directory (created if missing): forum.db and the generated token key live here.</summary>
    public string ResolveDirectory(string contentRoot)
    {
        var dir = Path.GetFullPath(Path.Combine(contentRoot, Directory));
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}
