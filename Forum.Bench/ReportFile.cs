namespace Forum.Bench;

/// <summary>
/// docs/BENCHMARKS.md holds the message-center report (the file's head) and marked sections written by other commands
/// (circuits, live, chat, chat-sockets, nodes). Writing any of them keeps the others.
/// </summary>
public static class ReportFile
{
    public const string Begin = "<!-- circuits:begin -->", End = "<!-- circuits:end -->";

    /// <summary>Writes the message-center report, keeping every marked section already in the file.</summary>
    public static async Task WriteMainAsync(string path, string report)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var sections = string.Join("\n\n", new[] { "circuits", "live", "chat", "chat-sockets", "nodes" }.Select(n => Section(text, n)).OfType<string>());
        await WriteAsync(path, sections.Length == 0 ? report : report.TrimEnd() + "\n\n" + sections + "\n");
    }

    public static Task WriteCircuitsAsync(string path, string section) => WriteSectionAsync(path, "circuits", section);

    /// <summary>Puts <paramref name="section"/> between the <paramref name="name"/> markers, replacing the previous one or appending.</summary>
    public static async Task WriteSectionAsync(string path, string name, string section)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var marked = $"<!-- {name}:begin -->\n{section.TrimEnd()}\n<!-- {name}:end -->";
        var old = Section(text, name);
        await WriteAsync(path, old is null ? text.TrimEnd() + "\n\n" + marked + "\n" : text.Replace(old, marked));
    }

    private static string? Section(string text, string name)
    {
        var (begin, end) = ($"<!-- {name}:begin -->", $"<!-- {name}:end -->");
        var b = text.IndexOf(begin, StringComparison.Ordinal);
        var e = text.IndexOf(end, StringComparison.Ordinal);
        return b >= 0 && e > b ? text[b..(e + end.Length)] : null;
    }

    private static async Task WriteAsync(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text);
        Console.Error.WriteLine($"wrote {Path.GetFullPath(path)}");
    }
}
