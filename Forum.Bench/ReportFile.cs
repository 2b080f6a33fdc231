namespace Forum.Bench;

/// <summary>
/// docs/BENCHMARKS.md holds several reports: the message-center one (the whole file) and marked sections (circuits,
/// chat). Writing any of them keeps the others.
/// </summary>
public static class ReportFile
{
    private static readonly string[] SectionNames = ["circuits", "chat"];

    public static string Begin(string name) => $"<!-- {name}:begin -->";
    public static string End(string name) => $"<!-- {name}:end -->";

    /// <summary>Writes the message-center report, keeping every marked section already in the file.</summary>
    public static async Task WriteMainAsync(string path, string report)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var sections = SectionNames.Select(n => Section(text, n)).OfType<string>().ToList();
        await WriteAsync(path, string.Join("\n\n", sections.Prepend(report.TrimEnd())) + "\n");
    }

    public static Task WriteCircuitsAsync(string path, string section) => WriteSectionAsync(path, "circuits", section);

    /// <summary>Puts <paramref name="section"/> between the named markers, replacing the previous one or appending.</summary>
    public static async Task WriteSectionAsync(string path, string name, string section)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var marked = $"{Begin(name)}\n{section.TrimEnd()}\n{End(name)}";
        var old = Section(text, name);
        await WriteAsync(path, old is null ? text.TrimEnd() + "\n\n" + marked + "\n" : text.Replace(old, marked));
    }

    private static string? Section(string text, string name)
    {
        var b = text.IndexOf(Begin(name), StringComparison.Ordinal);
        var e = text.IndexOf(End(name), StringComparison.Ordinal);
        return b >= 0 && e > b ? text[b..(e + End(name).Length)] : null;
    }

    private static async Task WriteAsync(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text);
        Console.Error.WriteLine($"wrote {Path.GetFullPath(path)}");
    }
}
