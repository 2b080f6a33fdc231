namespace Forum.Bench;

/// <summary>
/// docs/BENCHMARKS.md holds two reports: the message-center one (the whole file) and the circuits one (a marked
/// section). Writing either keeps the other.
/// </summary>
public static class ReportFile
{
    public const string Begin = "<!-- circuits:begin -->", End = "<!-- circuits:end -->";

    /// <summary>Writes the message-center report, keeping the circuits section already in the file.</summary>
    public static async Task WriteMainAsync(string path, string report)
    {
        var section = File.Exists(path) ? Section(await File.ReadAllTextAsync(path)) : null;
        await WriteAsync(path, section is null ? report : report.TrimEnd() + "\n\n" + section + "\n");
    }

    /// <summary>Puts <paramref name="section"/> between the circuits markers, replacing the previous one or appending.</summary>
    public static async Task WriteCircuitsAsync(string path, string section)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var marked = $"{Begin}\n{section.TrimEnd()}\n{End}";
        var old = Section(text);
        await WriteAsync(path, old is null ? text.TrimEnd() + "\n\n" + marked + "\n" : text.Replace(old, marked));
    }

    private static string? Section(string text)
    {
        var b = text.IndexOf(Begin, StringComparison.Ordinal);
        var e = text.IndexOf(End, StringComparison.Ordinal);
        return b >= 0 && e > b ? text[b..(e + End.Length)] : null;
    }

    private static async Task WriteAsync(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text);
        Console.Error.WriteLine($"wrote {Path.GetFullPath(path)}");
    }
}
